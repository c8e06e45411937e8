/* test-search.c — finding members as the clerk types
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ud-core.h"
#include "ud-database.h"
#include "ud-csv.h"
#include "ud-generate.h"
#include "ud-import.h"
#include "ud-member-store.h"
#include "ud-record-store.h"
#include "ud-search-private.h"

typedef struct
{
  UdDatabase *db;
} Fixture;

static const struct
{
  const char *name;
  const char *id_number;
  const char *phone;
  const char *card;
  const char *unit;
  const char *status;
  const char *model_worker;
} people[] = {
  { "朱明敏", "11010519491231002X", "13800138000", "6222061000000000018", "北京密云建材有限公司", "在会", "北京市劳动模范" },
  { "王芳",   "440524188001010014", "13911112222", "",                    "北京密云建材有限公司", "在会", "" },
  { "王小明", "34052419800101001X", "13733334444", "",                    "密云区供水集团",       "转出", "" },
  { "单田芳", "110118197506150118", "13655556666", "",                    "密云区供水集团",       "在会", "区级劳动模范" },
  { "欧阳修", "110228196811200314", "13577778888", "",                    "北京果园小学",         "在会", "" },
  { "李",     "110118198404040190", "13499990000", "",                    "北京果园小学",         "在会", "" },
};

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("ud-search-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "office.db", NULL);
  g_autoptr(GError) error = NULL;

  f->db = ud_database_open (path, &error);
  g_assert_no_error (error);
  ud_database_initialize_office (f->db, "110118", "密云区总工会", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(UdRecord) record = ud_record_new (&ud_kind_member);

      ud_record_set (record, "name", people[i].name);
      ud_record_set (record, "id_number", people[i].id_number);
      ud_record_set (record, "phone", people[i].phone);
      ud_record_set (record, "card_number", people[i].card);
      ud_record_set (record, "unit", people[i].unit);
      ud_record_set (record, "status", people[i].status);
      ud_record_set (record, "model_worker", people[i].model_worker);
      ud_member_store_save (f->db, record, NULL, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
}

/* The names found for @text, in list order, joined with spaces. */
static char *
find (Fixture    *f,
      const char *text)
{
  UdMemberQuery query = { 0 };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  query.text = g_strdup (text);
  ids = ud_member_store_query (f->db, &query, NULL, &error);
  g_assert_no_error (error);
  ud_member_query_clear (&query);

  records = ud_member_store_load (f->db, (const gint64 *) (gpointer) ids->data, ids->len, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    {
      if (i > 0)
        g_string_append_c (names, ' ');
      g_string_append (names, ud_record_get (g_ptr_array_index (records, i), "name"));
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

#define assert_finds(f, text, expected) \
  G_STMT_START { g_autofree char *found_ = find ((f), (text)); \
                 g_assert_cmpstr (found_, ==, (expected)); } G_STMT_END

static void
test_short_chinese (Fixture       *f,
                    gconstpointer  data)
{
  /* One and two characters: what the trigram index cannot answer. */
  assert_finds (f, "王", "王芳 王小明");
  assert_finds (f, "小明", "王小明");
  assert_finds (f, "芳", "单田芳 王芳");
  assert_finds (f, "李", "李");
  assert_finds (f, "明敏", "朱明敏");
  assert_finds (f, "张", "");
}

static void
test_long_chinese (Fixture       *f,
                   gconstpointer  data)
{
  assert_finds (f, "朱明敏", "朱明敏");
  assert_finds (f, "王小明", "王小明");
  assert_finds (f, "欧阳修", "欧阳修");
}

static void
test_pinyin (Fixture       *f,
             gconstpointer  data)
{
  assert_finds (f, "zmm", "朱明敏");
  assert_finds (f, "ZMM", "朱明敏");
  assert_finds (f, "zhumingmin", "朱明敏");
  assert_finds (f, "wangxiao", "王小明");
  assert_finds (f, "wf", "王芳");
  /* Surname readings: 单 is Shàn, 欧阳 a compound surname. */
  assert_finds (f, "shantian", "单田芳");
  assert_finds (f, "stf", "单田芳");
  assert_finds (f, "ouyang", "欧阳修");
}

static void
test_numbers (Fixture       *f,
              gconstpointer  data)
{
  assert_finds (f, "19491231", "朱明敏");
  assert_finds (f, "002x", "朱明敏");
  assert_finds (f, "1111", "王芳");
  assert_finds (f, "13655556666", "单田芳");
  assert_finds (f, "0000000018", "朱明敏");
  /* Short digit fragments scan, and still find. */
  assert_finds (f, "99", "李");
}

static void
test_unit_and_tokens (Fixture       *f,
                      gconstpointer  data)
{
  assert_finds (f, "供水", "单田芳 王小明");
  assert_finds (f, "果园小学", "李 欧阳修");
  /* Several words narrow the search; the ideographic space counts. */
  assert_finds (f, "供水 王", "王小明");
  assert_finds (f, "供水\u3000单", "单田芳");
  assert_finds (f, "王 建材", "王芳");
  /* Wildcards are not wildcards. */
  assert_finds (f, "%", "李 欧阳修 单田芳 王芳 王小明 朱明敏");
  assert_finds (f, "王_", "王芳 王小明");
}

static void
test_filters_and_sort (Fixture       *f,
                       gconstpointer  data)
{
  UdMemberQuery query = { 0 };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) desc = NULL;
  g_autoptr(GError) error = NULL;

  query.status = g_strdup ("transferred");
  ids = ud_member_store_query (f->db, &query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);
  ud_member_query_clear (&query);

  query.model_worker = g_strdup ("*");
  ids = ud_member_store_query (f->db, &query, NULL, &error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_clear_pointer (&ids, g_array_unref);
  ud_member_query_clear (&query);

  query.model_worker = g_strdup ("district_model");
  query.text = g_strdup ("芳");
  ids = ud_member_store_query (f->db, &query, NULL, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);
  ud_member_query_clear (&query);

  /* Sorting by a column in SQL, both ways. */
  query.sort_field = g_strdup ("id_number");
  ids = ud_member_store_query (f->db, &query, NULL, &error);
  query.descending = TRUE;
  desc = ud_member_store_query (f->db, &query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, G_N_ELEMENTS (people));
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, g_array_index (desc, gint64, ids->len - 1 - i));
  ud_member_query_clear (&query);

  /* By work unit: the units by name, each unit's members by pinyin. */
  {
    g_autoptr(GPtrArray) records = NULL;
    g_autoptr(GString) names = g_string_new (NULL);

    g_clear_pointer (&ids, g_array_unref);
    query.sort_field = g_strdup ("unit");
    ids = ud_member_store_query (f->db, &query, NULL, &error);
    g_assert_no_error (error);
    records = ud_member_store_load (f->db, (const gint64 *) (gpointer) ids->data, ids->len, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < records->len; i++)
      g_string_append_printf (names, "%s%s", i > 0 ? " " : "",
                              ud_record_get (g_ptr_array_index (records, i), "name"));
    g_assert_cmpstr (names->str, ==, "王芳 朱明敏 李 欧阳修 单田芳 王小明");
    ud_member_query_clear (&query);
  }

  query.sort_field = g_strdup ("notes");
  g_assert_null (ud_member_store_query (f->db, &query, NULL, &error));
  g_assert_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID);
  ud_member_query_clear (&query);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  UdMemberQuery query = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  g_cancellable_cancel (cancellable);
  query.text = g_strdup ("王");
  ids = ud_member_store_query (f->db, &query, cancellable, &error);
  g_assert_null (ids);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  ud_member_query_clear (&query);
}

static void
test_edit_reindexes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRecord) record = ud_member_store_find_by_id_number (f->db, "440524188001010014", &error);

  ud_record_set (record, "name", "王芳华");
  ud_record_set (record, "phone", "13012345678");
  g_assert_true (ud_member_store_save (f->db, record, NULL, &error));
  g_assert_no_error (error);

  assert_finds (f, "芳华", "王芳华");
  assert_finds (f, "wfh", "王芳华");
  assert_finds (f, "13012345678", "王芳华");
  assert_finds (f, "13911112222", "");
}

/* A valid ID number (GB 11643) from its first 17 digits. */
static char *
id_with_check (const char *first17)
{
  static const int weights[] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  int sum = 0;

  for (guint i = 0; i < 17; i++)
    sum += (first17[i] - '0') * weights[i];
  return g_strdup_printf ("%s%c", first17, "10X98765432"[sum % 11]);
}

static void
add_member (Fixture    *f,
            const char *name,
            const char *first17,
            const char *phone)
{
  g_autoptr(UdRecord) record = ud_record_new (&ud_kind_member);
  g_autofree char *id_number = id_with_check (first17);
  g_autoptr(GError) error = NULL;

  ud_record_set (record, "name", name);
  ud_record_set (record, "id_number", id_number);
  ud_record_set (record, "phone", phone);
  ud_record_set (record, "unit", "北京果园小学");
  ud_member_store_save (f->db, record, NULL, &error);
  g_assert_no_error (error);
}

static void
test_ranking (Fixture       *f,
              gconstpointer  data)
{
  UdMemberQuery query = { 0 };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  add_member (f, "张王芳", "11011819700101001", "13100000001");
  add_member (f, "王芳华", "11011819700101002", "13100000002");

  /* The name itself, then names that start with it, then the rest; in
   * the list's order within each. */
  assert_finds (f, "王芳", "王芳 王芳华 张王芳");
  assert_finds (f, "wangfang", "王芳 王芳华 张王芳");
  assert_finds (f, "wf", "王芳 王芳华 张王芳");
  assert_finds (f, "芳", "单田芳 王芳 王芳华 张王芳");
  /* A whole phone number before the numbers that merely hold it. */
  assert_finds (f, "131000000", "王芳华 张王芳");
  assert_finds (f, "13100000002", "王芳华");
  /* A unit's members after those found by their own name. */
  assert_finds (f, "小", "王小明 李 欧阳修 王芳华 张王芳");

  /* Capped: the best first. */
  query.text = g_strdup ("王芳");
  query.limit = 2;
  ids = ud_member_store_query (f->db, &query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  {
    g_autoptr(GPtrArray) records = ud_member_store_load (f->db, (const gint64 *) (gpointer) ids->data, ids->len, &error);

    g_assert_cmpstr (ud_record_get (g_ptr_array_index (records, 0), "name"), ==, "王芳");
    g_assert_cmpstr (ud_record_get (g_ptr_array_index (records, 1), "name"), ==, "王芳华");
  }
  ud_member_query_clear (&query);
}

static void
rename_member (UdDatabase *db,
               const char *id_number,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRecord) record = ud_member_store_find_by_id_number (db, id_number, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  ud_record_set (record, "name", name);
  g_assert_true (ud_member_store_save (db, record, NULL, &error));
  g_assert_no_error (error);
}

/* Three letters or more of pinyin initials: the members whose bigrams
 * are all there are checked against their initials — read from the name
 * before the search is warmed, from memory after — with the same
 * answer, ranked, also after a member is renamed here or by another
 * connection. */
static void
test_initials (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(UdDatabase) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id_zhou = id_with_check ("11011819700101013");
  g_autofree char *id_qiang = id_with_check ("11011819700101012");
  const char *expected = "张伟华 周文辉 张伟华强 李张伟华 欧阳张伟华";

  add_member (f, "张伟华", "11011819700101011", "13100000011");      /* zwh */
  add_member (f, "张伟华强", "11011819700101012", "13100000012");    /* zwhq: starts with zwh */
  add_member (f, "周文辉", "11011819700101013", "13100000013");      /* zwh */
  add_member (f, "李张伟华", "11011819700101014", "13100000014");    /* lzwh: holds it */
  add_member (f, "欧阳张伟华", "11011819700101015", "13100000015");  /* oyzwh: five letters */
  add_member (f, "张伟", "11011819700101016", "13100000016");        /* zw */
  add_member (f, "张伟吴华", "11011819700101017", "13100000017");    /* zwwh: both bigrams, not zwh */
  add_member (f, "张伟林王华", "11011819700101018", "13100000018");  /* zwlwh: the same, five letters */

  for (guint round = 0; round < 2; round++)
    {
      /* Before warming (names read), then after (initials in memory). */
      assert_finds (f, "zwh", expected);
      assert_finds (f, "ZWH", expected);
      assert_finds (f, "zwhq", "张伟华强");
      assert_finds (f, "lzwh", "李张伟华");
      assert_finds (f, "oyzwh", "欧阳张伟华");
      assert_finds (f, "zwwh", "张伟吴华");
      assert_finds (f, "wwh", "张伟吴华");
      assert_finds (f, "zwlwh", "张伟林王华");
      assert_finds (f, "zww", "张伟吴华");
      assert_finds (f, "zwhh", "");
      /* Mixed with characters: every word must find the member. */
      assert_finds (f, "周 zwh", "周文辉");
      assert_finds (f, "zwh 华", "张伟华 张伟华强 李张伟华 欧阳张伟华");
      assert_finds (f, "强 zwh", "张伟华强");

      g_assert_true (ud_member_store_warm (f->db, NULL, &error));
      g_assert_no_error (error);
    }

  /* A member renamed on this connection is read again (its new name
   * still has both bigrams: what memory held would find it)… */
  rename_member (f->db, id_zhou, "周文吴辉");
  assert_finds (f, "zwh", "张伟华 张伟华强 李张伟华 欧阳张伟华");
  assert_finds (f, "zwwh", "张伟吴华 周文吴辉");
  rename_member (f->db, id_zhou, "周文辉");
  assert_finds (f, "zwh", expected);

  /* …and by another one, whose commit the search notices. */
  other = ud_database_open (ud_database_get_path (f->db), &error);
  g_assert_no_error (error);
  rename_member (other, id_qiang, "张伟吴华强");
  assert_finds (f, "zwh", "张伟华 周文辉 李张伟华 欧阳张伟华");
  assert_finds (f, "zwwhq", "张伟吴华强");
  g_assert_true (ud_member_store_warm (f->db, NULL, &error));
  g_assert_no_error (error);
  assert_finds (f, "zwh", "张伟华 周文辉 李张伟华 欧阳张伟华");
  rename_member (other, id_qiang, "张伟华强");
  assert_finds (f, "zwh", expected);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every fragment of three digits or more of every number, wherever it
 * starts, finds exactly the members whose ID, phone or card number holds
 * it — compared with a plain substring search of the numbers. */
static void
test_digits_everywhere (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) tried = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_tried = 0;

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_ptr_array_add (numbers, g_ascii_strdown (people[i].id_number, -1));
      g_ptr_array_add (numbers, g_strdup (people[i].phone));
      g_ptr_array_add (numbers, g_strdup (people[i].card));
    }

  for (guint n = 0; n < numbers->len; n++)
    {
      const char *number = g_ptr_array_index (numbers, n);
      gsize len = strlen (number);

      for (gsize start = 0; start < len; start++)
        for (gsize length = 3; start + length <= len; length++)
          {
            g_autofree char *fragment = g_strndup (number + start, length);
            g_autoptr(GString) expected = g_string_new (NULL);
            g_autoptr(GPtrArray) names = g_ptr_array_new ();
            g_autofree char *found = NULL;

            if (!g_hash_table_add (tried, g_strdup (fragment)))
              continue;
            n_tried++;

            /* Each matches in the substring rank (or as the whole number,
             * or at its start): compare as sets, in name order. */
            for (guint i = 0; i < G_N_ELEMENTS (people); i++)
              {
                g_autofree char *id = g_ascii_strdown (people[i].id_number, -1);

                if (strstr (id, fragment) != NULL || strstr (people[i].phone, fragment) != NULL ||
                    strstr (people[i].card, fragment) != NULL)
                  g_ptr_array_add (names, (gpointer) people[i].name);
              }
            g_ptr_array_sort (names, compare_names);
            for (guint i = 0; i < names->len; i++)
              g_string_append_printf (expected, "%s%s", i > 0 ? " " : "", (const char *) g_ptr_array_index (names, i));

            found = find (f, fragment);
            {
              g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
              g_auto(GStrv) split = *found != '\0' ? g_strsplit (found, " ", -1) : g_new0 (char *, 1);
              g_autoptr(GString) sorted = g_string_new (NULL);

              for (guint i = 0; split[i] != NULL; i++)
                g_ptr_array_add (parts, g_strdup (split[i]));
              g_ptr_array_sort (parts, compare_names);
              for (guint i = 0; i < parts->len; i++)
                g_string_append_printf (sorted, "%s%s", i > 0 ? " " : "", (const char *) g_ptr_array_index (parts, i));
              g_assert_cmpstr (sorted->str, ==, expected->str);
            }
          }
    }

  /* Every position of 18-, 11- and 19-digit numbers, lengths 3 up. */
  g_assert_cmpuint (n_tried, >, 500);
}

static GArray *
query_ids (Fixture    *f,
           const char *text,
           guint       limit)
{
  UdMemberQuery query = { 0 };
  g_autoptr(GError) error = NULL;
  GArray *ids;

  query.text = g_strdup (text);
  query.limit = limit;
  ids = ud_member_store_query (f->db, &query, NULL, &error);
  g_assert_no_error (error);
  ud_member_query_clear (&query);
  return ids;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Thousands of members: the unions and ranks too big for the small
 * fixture's paths (a number slot that every card number shares, a rank
 * of thousands put in the list's order) give what a plain substring
 * search gives, in the list's order within each rank. */
static void
test_many_members (Fixture       *f,
                   gconstpointer  data)
{
  sqlite3 *handle = ud_database_get_handle (f->db);
  g_autoptr(GArray) roll = NULL;
  g_autoptr(GHashTable) place = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) fragments = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  const char *surnames[] = { "王", "张", "李" };

  g_assert_true (ud_generate_members (f->db, 6000, 20261207, &error));
  g_assert_no_error (error);
  roll = query_ids (f, NULL, 0);
  g_assert_cmpuint (roll->len, >=, 6000);
  for (guint i = 0; i < roll->len; i++)
    g_hash_table_insert (place, g_memdup2 (&g_array_index (roll, gint64, i), sizeof (gint64)), GUINT_TO_POINTER (i));

  /* Fragments of four and five digits at odd and even places of a few
   * members' numbers: the second to fifth digit of a card is 2220 or so
   * for nearly everyone. */
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT id_number, phone, card_number FROM member WHERE id IN (1, 777, 4321)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int c = 0; c < 3; c++)
      {
        const char *number = (const char *) sqlite3_column_text (stmt, c);

        for (gsize start = 0; start + 5 <= strlen (number); start += 3)
          {
            g_ptr_array_add (fragments, g_ascii_strdown (number + start, 4));
            g_ptr_array_add (fragments, g_ascii_strdown (number + start, 5));
          }
      }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (fragments->len, >, 20);

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT id FROM member WHERE deleted = 0 AND (lower (id_number) LIKE ?1"
                                       " OR phone LIKE ?1 OR card_number LIKE ?1) ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < fragments->len; i++)
    {
      const char *fragment = g_ptr_array_index (fragments, i);
      g_autofree char *pattern = g_strconcat ("%", fragment, "%", NULL);
      g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) found = query_ids (f, fragment, 0);

      sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (expected, id);
        }
      sqlite3_reset (stmt);

      g_array_sort (found, compare_ids);
      g_assert_cmpuint (found->len, ==, expected->len);
      for (guint j = 0; j < found->len; j++)
        g_assert_cmpint (g_array_index (found, gint64, j), ==, g_array_index (expected, gint64, j));
    }
  sqlite3_finalize (stmt);

  /* A common surname: those whose name starts with it first, each group
   * in the list's order; the capped answer is the start of the whole. */
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT name FROM member WHERE id = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint s = 0; s < G_N_ELEMENTS (surnames); s++)
    {
      g_autoptr(GArray) all = query_ids (f, surnames[s], 0);
      g_autoptr(GArray) capped = query_ids (f, surnames[s], 100);
      guint n_prefix = 0;
      guint last_rank = 0, last_place = 0;

      g_assert_cmpuint (all->len, >, 100);
      g_assert_cmpuint (capped->len, ==, 100);
      for (guint i = 0; i < capped->len; i++)
        g_assert_cmpint (g_array_index (capped, gint64, i), ==, g_array_index (all, gint64, i));

      /* Rank 0: the name starts with it; 1: holds it; 2: found by the
       * unit.  Ranks never go back; within one, the list's order. */
      for (guint i = 0; i < all->len; i++)
        {
          gint64 id = g_array_index (all, gint64, i);
          guint at = GPOINTER_TO_UINT (g_hash_table_lookup (place, &id));
          const char *name;
          guint rank;

          sqlite3_bind_int64 (stmt, 1, id);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          name = (const char *) sqlite3_column_text (stmt, 0);
          rank = g_str_has_prefix (name, surnames[s]) ? 0 : strstr (name, surnames[s]) != NULL ? 1 : 2;
          sqlite3_reset (stmt);

          g_assert_cmpuint (rank, >=, last_rank);
          if (i > 0 && rank == last_rank)
            g_assert_cmpuint (at, >, last_place);
          n_prefix += rank == 0;
          last_rank = rank;
          last_place = at;
        }
      g_assert_cmpuint (n_prefix, >, 100);
    }
  sqlite3_finalize (stmt);
}

static void
assert_same_ids (GArray *a,
                 GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpint (g_array_index (a, gint64, i), ==, g_array_index (b, gint64, i));
}

/* The generic list query (ud_record_store_query (), what every record
 * table asks) of the member kind is the roll's own search: the same
 * members in the same ranked order, its filters, its sort, and pages
 * that follow each other. */
static void
test_record_query (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) expected = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(GArray) first = NULL;
  g_autoptr(GArray) rest = NULL;
  g_autoptr(UdRecordCursor) next = NULL;
  UdMemberQuery members = { 0 };
  UdRecordQuery query = { &ud_kind_member };
  g_autoptr(UdRecord) unit = NULL;
  g_autofree char *unit_id = NULL;

  /* Search, ranked as the member list ranks it. */
  members.text = (char *) "wang";
  expected = ud_member_store_query (f->db, &members, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expected->len, >=, 2);
  query.text = "wang";
  found = ud_record_store_query (f->db, &query, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_same_ids (expected, found);
  g_clear_pointer (&found, g_array_unref);

  /* One page, then the rest after its cursor. */
  query.limit = 1;
  first = ud_record_store_query (f->db, &query, &next, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 1);
  g_assert_nonnull (next);
  query.after = next;
  query.limit = 0;
  rest = ud_record_store_query (f->db, &query, NULL, NULL, &error);
  g_assert_no_error (error);
  g_array_append_vals (first, rest->data, rest->len);
  assert_same_ids (expected, first);
  query.after = NULL;
  query.text = NULL;

  /* Any model-worker title; a unit by its row id; sorted descending. */
  {
    UdRecordFilter titled = { "model_worker", UD_RECORD_FILTER_NOT_EMPTY, NULL };

    query.filters = &titled;
    query.n_filters = 1;
    found = ud_record_store_query (f->db, &query, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 2);
    g_assert_cmpint (ud_record_store_count (f->db, &query, NULL, &error), ==, 2);
    g_clear_pointer (&found, g_array_unref);
  }

  unit = ud_record_store_find (f->db, &ud_kind_unit, "name", "密云区供水集团", &error);
  g_assert_no_error (error);
  g_assert_nonnull (unit);
  unit_id = g_strdup_printf ("%" G_GINT64_FORMAT, unit->id);
  {
    UdRecordFilter of_unit = { "unit", UD_RECORD_FILTER_EQUALS, unit_id };

    query.filters = &of_unit;
    query.n_filters = 1;
    query.sort_field = "id_number";
    query.descending = TRUE;
    found = ud_record_store_query (f->db, &query, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 2);
    g_clear_pointer (&expected, g_array_unref);
    members.text = NULL;
    members.unit_id = unit->id;
    members.sort_field = (char *) "id_number";
    members.descending = TRUE;
    expected = ud_member_store_query (f->db, &members, NULL, &error);
    g_assert_no_error (error);
    assert_same_ids (expected, found);
    g_clear_pointer (&found, g_array_unref);
  }

  /* A filter the roll's index does not keep is SQL's, with the same
   * answer as the records hold. */
  {
    UdRecordFilter women = { "sex", UD_RECORD_FILTER_EQUALS, "F" };
    g_autoptr(UdRecord) woman = NULL;

    query.filters = &women;
    query.n_filters = 1;
    query.sort_field = NULL;
    query.descending = FALSE;
    found = ud_record_store_query (f->db, &query, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
    woman = ud_record_store_get (f->db, &ud_kind_member, g_array_index (found, gint64, 0), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (ud_record_get (woman, "name"), ==, "朱明敏");
  }
}

/* ---- an import's members, before and after the index takes them in ---- */

#define IMPORTED 12000

/* A roster file of IMPORTED generated members (the import's own
 * format); its path. */
static char *
write_roster (void)
{
  g_autoptr(GPtrArray) rows = ud_generate_roster (IMPORTED, 20261207);
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (g_get_tmp_dir (), "roster.csv", NULL);

  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);

      ud_csv_append_row (csv, (const char * const *) row->pdata, row->len);
    }
  g_file_set_contents (path, csv->str, csv->len, &error);
  g_assert_no_error (error);
  return path;
}

static void
cancel_midway_cb (guint    done,
                  guint    total,
                  gpointer data)
{
  if (done >= total / 2)
    g_cancellable_cancel (data);
}

static UdImportReport *
import_roster (UdDatabase   *db,
               const char   *path,
               GCancellable *cancellable,
               GError      **error)
{
  g_autoptr(UdImport) import = ud_import_new_from_file (&ud_kind_member, path, NULL, error);

  if (import == NULL)
    return NULL;
  return ud_import_run (import, db, FALSE, cancellable != NULL ? cancel_midway_cb : NULL,
                        cancellable, cancellable, error);
}

static gint64
number_of (UdDatabase *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (ud_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_type (stmt, 0) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* Every term of the postings with the ids it holds, decoded (rows may be
 * cut differently by a fill and a rebuild): a checksum. */
static char *
postings_digest (UdDatabase *db,
                 guint       min_terms)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n_terms = 0;

  _ud_search_pending_forget (db);
  g_assert_cmpint (sqlite3_prepare_v2 (ud_database_get_handle (db),
                                       "SELECT DISTINCT term FROM search_posting ORDER BY term",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 term = sqlite3_column_int64 (stmt, 0);

      g_array_set_size (ids, 0);
      g_assert_true (_ud_search_lookup (db, term, term, ids, &error));
      g_assert_no_error (error);
      g_checksum_update (sum, (const guchar *) &term, sizeof term);
      g_checksum_update (sum, (const guchar *) ids->data, ids->len * sizeof (gint64));
      n_terms++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_terms, >=, min_terms);
  return g_strdup (g_checksum_get_string (sum));
}

/* The same query texts, of every class, for a member past the mark. */
static GPtrArray *
queries_for (UdDatabase *db,
             gint64      id)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sql = g_strdup_printf ("SELECT m.name, m.name_pinyin, m.name_initials, m.id_number,"
                                          " m.phone, m.card_number, u.name FROM member m"
                                          " JOIN unit u ON u.id = m.unit_id WHERE m.id = %" G_GINT64_FORMAT, id);
  sqlite3_stmt *stmt = NULL;
  const char *name, *id_number, *phone, *card, *unit;

  g_assert_cmpint (sqlite3_prepare_v2 (ud_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  name = (const char *) sqlite3_column_text (stmt, 0);
  id_number = (const char *) sqlite3_column_text (stmt, 3);
  phone = (const char *) sqlite3_column_text (stmt, 4);
  card = (const char *) sqlite3_column_text (stmt, 5);
  unit = (const char *) sqlite3_column_text (stmt, 6);
  g_assert_cmpuint (g_utf8_strlen (name, -1), >=, 2);
  g_assert_cmpuint (strlen (phone), ==, 11);
  g_assert_cmpuint (strlen (card), >=, 16);

  g_ptr_array_add (texts, g_strdup (name));                              /* the name */
  g_ptr_array_add (texts, g_utf8_substring (name, 0, 1));                /* the surname */
  g_ptr_array_add (texts, g_utf8_substring (name, 1, 3));                /* a part of it */
  g_ptr_array_add (texts, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));  /* full pinyin */
  g_ptr_array_add (texts, g_strdup ((const char *) sqlite3_column_text (stmt, 2)));  /* initials */
  g_ptr_array_add (texts, g_strndup (id_number + 6, 6));                 /* six digits of the ID */
  g_ptr_array_add (texts, g_strdup (id_number));                         /* the whole ID */
  g_ptr_array_add (texts, g_strdup (phone + 7));                         /* last 4 of the phone */
  g_ptr_array_add (texts, g_strdup (card));                              /* the card */
  g_ptr_array_add (texts, g_utf8_substring (unit, 0, 2));                /* the unit */
  g_ptr_array_add (texts, g_strdup_printf ("%s %s", unit, phone + 7));   /* two words */
  sqlite3_finalize (stmt);
  return texts;
}

static gboolean
holds_id (GArray *ids,
          gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* Each query's answer, ranked, as a list. */
static GPtrArray *
answers (Fixture   *f,
         GPtrArray *texts)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint i = 0; i < texts->len; i++)
    g_ptr_array_add (all, query_ids (f, g_ptr_array_index (texts, i), 0));
  return all;
}

static void
assert_same_answers (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    assert_same_ids (g_ptr_array_index (a, i), g_ptr_array_index (b, i));
}

static void
reopen (Fixture *f)
{
  g_autofree char *path = g_strdup (ud_database_get_path (f->db));
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->db);
  f->db = ud_database_open (path, &error);
  g_assert_no_error (error);
}

/* A big import commits its members before the search index holds them:
 * every class of query finds them meanwhile, ranked as after the fill;
 * the fill ends with the postings a rebuild makes. */
static void
test_import_pending (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *roster = write_roster ();
  g_autoptr(UdImportReport) report = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) classic = NULL;
  g_autofree char *filled = NULL;
  g_autofree char *rebuilt = NULL;
  g_autoptr(GError) error = NULL;
  gint64 mark, pending;
  guint64 left = 1;

  report = import_roster (f->db, roster, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, >=, IMPORTED - 50);
  /* One audit entry for the import, the members past the mark, the
   * postings without them. */
  g_assert_cmpint (number_of (f->db, "SELECT count (*) FROM audit_log WHERE action = 'import'"), ==, 1);
  mark = number_of (f->db, "SELECT value FROM meta WHERE key = 'search_pending_from'");
  g_assert_cmpint (mark, ==, G_N_ELEMENTS (people) + 1);
  pending = number_of (f->db, "SELECT count (*) FROM member WHERE deleted = 0 AND id >= (SELECT value FROM meta WHERE key = 'search_pending_from')");
  g_assert_cmpint (pending, ==, report->imported);
  /* The list's sort indexes too are left for the fill. */
  g_assert_cmpint (number_of (f->db, "SELECT count (*) FROM sqlite_schema WHERE name = 'member_by_name'"), ==, 0);
  g_assert_cmpint (number_of (f->db, "SELECT count (*) FROM meta WHERE key = 'index_pending:member_by_name'"), ==, 1);

  /* A member in the middle of the import, and the fixture's own. */
  texts = queries_for (f->db, mark + IMPORTED / 2);
  g_ptr_array_add (texts, g_strdup ("wang"));
  g_ptr_array_add (texts, g_strdup ("王"));
  g_ptr_array_add (texts, g_strdup ("1101"));
  g_ptr_array_add (texts, g_strdup ("0018"));
  before = answers (f, texts);
  for (guint i = 0; i < 11; i++)
    {
      if (!holds_id (g_ptr_array_index (before, i), mark + IMPORTED / 2))
        g_error ("“%s” did not find the member the import added", (const char *) g_ptr_array_index (texts, i));
    }
  assert_finds (f, "朱明敏", "朱明敏");

  /* Half of it, then the database closed: the rest after it opens. */
  g_assert_true (ud_record_store_fill_indexes (f->db, IMPORTED / 2, &left, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (left, >, 0);
  g_assert_cmpuint (left, <, IMPORTED);
  g_assert_cmpint (number_of (f->db, "SELECT value FROM meta WHERE key = 'search_pending_from'"), >, mark);
  g_assert_cmpint (number_of (f->db, "SELECT count (*) FROM sqlite_schema WHERE name = 'member_by_name'"), ==, 1);
  g_assert_cmpint (number_of (f->db, "SELECT count (*) FROM meta WHERE key LIKE 'index_pending:%'"), ==, 0);
  after = answers (f, texts);
  assert_same_answers (before, after);
  g_clear_pointer (&after, g_ptr_array_unref);

  reopen (f);
  after = answers (f, texts);
  assert_same_answers (before, after);
  g_clear_pointer (&after, g_ptr_array_unref);
  g_assert_true (ud_record_store_fill_indexes (f->db, 0, &left, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (left, ==, 0);
  g_assert_cmpint (number_of (f->db, "SELECT count (*) FROM meta WHERE key = 'search_pending_from'"), ==, 0);
  after = answers (f, texts);
  assert_same_answers (before, after);
  filled = postings_digest (f->db, 1000);

  /* The index built anew in one go holds the same. */
  g_assert_true (ud_database_set_meta (f->db, "search_rebuild", "1", &error));
  g_assert_no_error (error);
  reopen (f);
  g_assert_cmpint (number_of (f->db, "SELECT count (*) FROM meta WHERE key = 'search_rebuild'"), ==, 0);
  rebuilt = postings_digest (f->db, 1000);
  g_assert_cmpstr (filled, ==, rebuilt);
  classic = answers (f, texts);
  assert_same_answers (before, classic);
}

/* A member edited, deleted or added while the fill has not reached it:
 * searches follow, and the fill indexes what the row is then. */
static void
test_pending_edits (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *roster = write_roster ();
  g_autoptr(UdImportReport) report = NULL;
  g_autoptr(UdRecord) member = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *filled = NULL;
  g_autofree char *rebuilt = NULL;
  gint64 mark;

  report = import_roster (f->db, roster, NULL, &error);
  g_assert_no_error (error);
  mark = number_of (f->db, "SELECT value FROM meta WHERE key = 'search_pending_from'");
  g_assert_cmpint (mark, >, 0);
  assert_finds (f, "王小明", "王小明");

  member = ud_member_store_get (f->db, mark + 10, &error);
  g_assert_no_error (error);
  ud_record_set (member, "name", "钱锺书");
  g_assert_true (ud_member_store_save (f->db, member, NULL, &error));
  g_assert_no_error (error);
  assert_finds (f, "钱锺书", "钱锺书");
  assert_finds (f, "qzs", "钱锺书");
  g_assert_true (ud_member_store_delete (f->db, mark + 10, &error));
  g_assert_no_error (error);
  assert_finds (f, "钱锺书", "");

  add_member (f, "鲁迅", "11011819810925011", "13612345678");
  g_assert_cmpint (number_of (f->db, "SELECT id FROM member WHERE name = '鲁迅'"), >, mark);
  assert_finds (f, "鲁迅", "鲁迅");
  assert_finds (f, "13612345678", "鲁迅");

  g_assert_true (ud_record_store_fill_indexes (f->db, 0, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_finds (f, "鲁迅", "鲁迅");
  assert_finds (f, "钱锺书", "");
  filled = postings_digest (f->db, 1000);
  g_assert_true (ud_database_set_meta (f->db, "search_rebuild", "1", &error));
  g_assert_no_error (error);
  reopen (f);
  rebuilt = postings_digest (f->db, 1000);
  g_assert_cmpstr (filled, ==, rebuilt);
}

/* An import stopped midway leaves nothing: no member, no mark, the
 * postings as they were. */
static void
test_import_refused_midway (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *roster = write_roster ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(UdImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *postings = postings_digest (f->db, 10);
  g_autofree char *postings_after = NULL;
  gint64 rows = number_of (f->db, "SELECT count (*) FROM search_posting");

  report = import_roster (f->db, roster, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (report);
  g_assert_cmpint (number_of (f->db, "SELECT count (*) FROM member"), ==, G_N_ELEMENTS (people));
  g_assert_cmpint (number_of (f->db, "SELECT count (*) FROM meta WHERE key = 'search_pending_from'"), ==, 0);
  g_assert_cmpint (number_of (f->db, "SELECT count (*) FROM search_posting"), ==, rows);
  postings_after = postings_digest (f->db, 10);
  g_assert_cmpstr (postings, ==, postings_after);
  assert_finds (f, "王", "王芳 王小明");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  ud_core_init ();

#define ADD(path, func) g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)
  ADD ("/search/short-chinese", test_short_chinese);
  ADD ("/search/long-chinese", test_long_chinese);
  ADD ("/search/pinyin", test_pinyin);
  ADD ("/search/numbers", test_numbers);
  ADD ("/search/unit-and-tokens", test_unit_and_tokens);
  ADD ("/search/filters-and-sort", test_filters_and_sort);
  ADD ("/search/cancel", test_cancel);
  ADD ("/search/import-pending", test_import_pending);
  ADD ("/search/pending-edits", test_pending_edits);
  ADD ("/search/import-refused-midway", test_import_refused_midway);
  ADD ("/search/edit-reindexes", test_edit_reindexes);
  ADD ("/search/ranking", test_ranking);
  ADD ("/search/initials", test_initials);
  ADD ("/search/digits-everywhere", test_digits_everywhere);
  ADD ("/search/many-members", test_many_members);
  ADD ("/search/record-query", test_record_query);
#undef ADD

  return g_test_run ();
}
