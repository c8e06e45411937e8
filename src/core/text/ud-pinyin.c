/* ud-pinyin.c — pinyin of Chinese text and names, for search as you type
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-pinyin"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ud-pinyin.h"
#include "ud-pinyin-table.h"
#include "ud-text-private.h"

/* A surname read differently from its character's common reading, or a
 * compound surname matched as a unit, at the start of a personal name.
 * Sources: 《现代汉语词典》 (7th ed.) surname readings and 《百家姓》.
 *
 * Compound surnames come first so that 尉迟 wins over 尉 and 长孙 over 长.
 * Entries whose reading equals the Unihan one pin the surname reading, so a
 * change in the data cannot silently change how a surname is found.
 * Traditional forms are listed only where the reading differs.
 *
 * 单于 (Chányú) is left out on purpose: as a modern name it is almost always
 * the surname 单 (Shàn) followed by a given name starting with 于. */
typedef struct
{
  const char *surname;        /* one or two Han characters, UTF-8 */
  const char *syllables[2];   /* one tone-less syllable per character */
} UdSurnameReading;

static const UdSurnameReading surname_readings[] = {
  /* Compound surnames */
  { "欧阳", { "ou", "yang" } },
  { "司马", { "si", "ma" } },
  { "上官", { "shang", "guan" } },
  { "诸葛", { "zhu", "ge" } },
  { "东方", { "dong", "fang" } },
  { "皇甫", { "huang", "fu" } },
  { "尉迟", { "yu", "chi" } },
  { "尉遲", { "yu", "chi" } },
  { "长孙", { "zhang", "sun" } },
  { "長孫", { "zhang", "sun" } },
  { "慕容", { "mu", "rong" } },
  { "司徒", { "si", "tu" } },
  { "万俟", { "mo", "qi" } },
  { "萬俟", { "mo", "qi" } },
  { "令狐", { "ling", "hu" } },
  { "夏侯", { "xia", "hou" } },
  { "公孙", { "gong", "sun" } },
  { "轩辕", { "xuan", "yuan" } },
  { "宇文", { "yu", "wen" } },
  { "澹台", { "tan", "tai" } },
  { "澹臺", { "tan", "tai" } },
  { "闻人", { "wen", "ren" } },
  { "西门", { "xi", "men" } },
  { "南宫", { "nan", "gong" } },
  { "呼延", { "hu", "yan" } },
  { "端木", { "duan", "mu" } },
  { "独孤", { "du", "gu" } },
  { "申屠", { "shen", "tu" } },
  { "淳于", { "chun", "yu" } },
  { "司空", { "si", "kong" } },
  { "钟离", { "zhong", "li" } },
  { "赫连", { "he", "lian" } },
  { "拓跋", { "tuo", "ba" } },
  { "公冶", { "gong", "ye" } },
  { "宗政", { "zong", "zheng" } },
  { "濮阳", { "pu", "yang" } },
  { "太史", { "tai", "shi" } },
  { "百里", { "bai", "li" } },
  { "乐正", { "yue", "zheng" } },
  { "仲孙", { "zhong", "sun" } },
  { "东郭", { "dong", "guo" } },
  { "鲜于", { "xian", "yu" } },
  { "闾丘", { "lv", "qiu" } },
  { "第五", { "di", "wu" } },
  { "亓官", { "qi", "guan" } },
  { "公羊", { "gong", "yang" } },
  { "梁丘", { "liang", "qiu" } },
  { "左丘", { "zuo", "qiu" } },
  { "漆雕", { "qi", "diao" } },
  { "颛孙", { "zhuan", "sun" } },
  { "壤驷", { "rang", "si" } },
  { "巫马", { "wu", "ma" } },
  { "公良", { "gong", "liang" } },
  { "谷梁", { "gu", "liang" } },
  { "段干", { "duan", "gan" } },
  { "司寇", { "si", "kou" } },
  { "羊舌", { "yang", "she" } },
  { "微生", { "wei", "sheng" } },

  /* Single surnames (多音字) */
  { "单", { "shan" } },
  { "單", { "shan" } },
  { "曾", { "zeng" } },
  { "解", { "xie" } },
  { "仇", { "qiu" } },
  { "区", { "ou" } },
  { "區", { "ou" } },
  { "查", { "zha" } },
  { "朴", { "piao" } },
  { "盖", { "ge" } },
  { "蓋", { "ge" } },
  { "缪", { "miao" } },
  { "繆", { "miao" } },
  { "翟", { "zhai" } },
  { "乐", { "yue" } },
  { "樂", { "yue" } },
  { "柏", { "bai" } },
  { "秘", { "bi" } },
  { "种", { "chong" } },
  { "種", { "chong" } },
  { "覃", { "qin" } },
  { "召", { "shao" } },
  { "繁", { "po" } },
  { "员", { "yun" } },
  { "員", { "yun" } },
  { "燕", { "yan" } },
  { "葛", { "ge" } },
  { "纪", { "ji" } },
  { "任", { "ren" } },
  { "沈", { "shen" } },
  { "石", { "shi" } },
  { "薄", { "bo" } },
  { "华", { "hua" } },
  { "过", { "guo" } },
  { "宁", { "ning" } },
  { "能", { "nai" } },
  { "隗", { "wei" } },
  { "相", { "xiang" } },
  { "尉", { "wei" } },
  { "长", { "chang" } },
  { "長", { "chang" } },
  { "卜", { "bu" } },
  { "阚", { "kan" } },
  { "都", { "du" } },
  { "折", { "she" } },
  { "洗", { "xian" } },
  { "冼", { "xian" } },
  { "佴", { "nai" } },
  { "角", { "jue" } },
  { "祭", { "zhai" } },
  { "粘", { "nian" } },
  { "重", { "chong" } },
  { "便", { "pian" } },
  { "蔚", { "yu" } },
  { "颉", { "xie" } },
  { "乜", { "nie" } },
  { "句", { "gou" } },
  { "炅", { "gui" } },
  { "番", { "pan" } },
  { "万", { "wan" } },
  { "谌", { "chen" } },
  { "宿", { "su" } },
  { "殷", { "yin" } },
  { "朝", { "chao" } },
  { "莘", { "shen" } },
  { "牟", { "mou" } },
  { "宓", { "mi" } },
  { "盛", { "sheng" } },
  { "车", { "che" } },
  { "那", { "na" } },
  { "陆", { "lu" } },
  { "眭", { "sui" } },
  { "逄", { "pang" } },
  { "厍", { "she" } },
  { "贲", { "ben" } },
  { "訾", { "zi" } },
  { "曲", { "qu" } },
  { "叶", { "ye" } },
  { "应", { "ying" } },
  { "强", { "qiang" } },
  { "冯", { "feng" } },
  { "郇", { "huan" } },
};

static guint16
syllable_index (gunichar c)
{
  for (guint i = 0; i < _ud_pinyin_n_blocks; i++)
    {
      const UdPinyinBlock *block = &_ud_pinyin_blocks[i];

      if (c < block->first)
        break;
      if (c <= block->last)
        return block->index[c - block->first];
    }

  return 0;
}

static gboolean
is_compatibility_ideograph (gunichar c)
{
  return (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

/* The length of @prefix when @text starts with it, else 0. */
static gsize
prefix_length (const char *text,
               const char *prefix)
{
  gsize i;

  for (i = 0; prefix[i] != '\0'; i++)
    {
      if (text[i] != prefix[i])
        return 0;
    }

  return i;
}

/* The result strings cannot be longer than twice the input: a Han character
 * takes at least 3 bytes of UTF-8 and its syllable at most 6 letters. */
static GString *
result_new (const char *utf8)
{
  return g_string_sized_new (2 * strlen (utf8) + 1);
}

/* Where the readings go: any of the three may be NULL. */
typedef struct
{
  GString   *full;
  GString   *initials;
  GPtrArray *syllables;   /* of const char *, one per Han character */
} Sink;

static void
append_syllable (Sink       *sink,
                 const char *syllable)
{
  if (sink->full != NULL)
    g_string_append (sink->full, syllable);
  if (sink->initials != NULL)
    g_string_append_c (sink->initials, syllable[0]);
  if (sink->syllables != NULL)
    g_ptr_array_add (sink->syllables, (gpointer) syllable);
}

/* @utf8 must be valid. Either string may be %NULL when not wanted. */
static void
append_text (const char *utf8,
             Sink       *sink)
{
  const char *p = utf8;

  g_assert (utf8 != NULL);

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const char *syllable;
      char ascii;

      p = g_utf8_next_char (p);

      ascii = _ud_text_fold_alnum (c);
      if (ascii != 0)
        {
          if (sink->full != NULL)
            g_string_append_c (sink->full, ascii);
          if (sink->initials != NULL)
            g_string_append_c (sink->initials, ascii);
          continue;
        }

      syllable = ud_pinyin_syllable (c);
      if (syllable != NULL)
        append_syllable (sink, syllable);
    }
}

/* Appends the surname reading when @name starts with a surname of the table;
 * returns where the rest of the name starts. */
/* For each character that starts a surname of the table, the entries
 * it starts (a bit per entry): a name is compared with those only, not
 * with the whole table, once per member of an import. */
static GHashTable *
surnames_by_first_char (void)
{
  static gsize once;
  static GHashTable *table;

  G_STATIC_ASSERT (G_N_ELEMENTS (surname_readings) <= 256);

  if (g_once_init_enter (&once))
    {
      table = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
      for (guint i = 0; i < G_N_ELEMENTS (surname_readings); i++)
        {
          gpointer key = GUINT_TO_POINTER (g_utf8_get_char (surname_readings[i].surname));
          guint64 *bits = g_hash_table_lookup (table, key);

          if (bits == NULL)
            {
              bits = g_new0 (guint64, 4);
              g_hash_table_insert (table, key, bits);
            }
          bits[i / 64] |= G_GUINT64_CONSTANT (1) << (i % 64);
        }
      g_once_init_leave (&once, 1);
    }

  return table;
}

static const char *
append_surname (const char *name,
                Sink       *sink)
{
  const guint64 *candidates;

  g_assert (name != NULL);

  if (*name == '\0')
    return name;
  candidates = g_hash_table_lookup (surnames_by_first_char (), GUINT_TO_POINTER (g_utf8_get_char (name)));
  if (candidates == NULL)
    return name;

  for (guint i = 0; i < G_N_ELEMENTS (surname_readings); i++)
    {
      const UdSurnameReading *entry = &surname_readings[i];
      gsize len;

      if ((candidates[i / 64] & (G_GUINT64_CONSTANT (1) << (i % 64))) == 0)
        continue;
      len = prefix_length (name, entry->surname);
      if (len == 0)
        continue;

      for (guint j = 0; j < G_N_ELEMENTS (entry->syllables); j++)
        {
          if (entry->syllables[j] != NULL)
            append_syllable (sink, entry->syllables[j]);
        }

      return name + len;
    }

  return name;
}

/**
 * ud_pinyin_syllable:
 * @c: a Unicode character
 *
 * The most common reading of a Han character, without tone, ü written "v"
 * as Chinese input methods type it (吕 → "lv"). A compatibility ideograph
 * reads like the unified ideograph it stands for.
 *
 * Returns: (nullable): the syllable, or %NULL when @c is not a Han character
 * with a known reading
 */
const char *
ud_pinyin_syllable (gunichar c)
{
  guint16 pos = syllable_index (c);

  if (pos == 0 && is_compatibility_ideograph (c))
    {
      gunichar a, b;

      if (g_unichar_decompose (c, &a, &b) && b == 0)
        pos = syllable_index (a);
    }

  if (pos == 0)
    return NULL;

  g_assert (pos < _ud_pinyin_n_syllables);

  return _ud_pinyin_syllables[pos];
}

/**
 * ud_pinyin_full:
 * @utf8: UTF-8 text
 *
 * Full pinyin of @utf8 without tones or spaces: "中国" → "zhongguo". ASCII
 * (and full-width) letters and digits are kept, lower-cased; everything else
 * — spaces, punctuation, characters without a reading — is dropped, so that
 * "北京 ABC" and "北京abc" are found by the same query.
 *
 * Returns: (transfer full): the pinyin; empty for invalid UTF-8
 */
char *
ud_pinyin_full (const char *utf8)
{
  Sink sink = { NULL, NULL, NULL };
  GString *full;

  g_return_val_if_fail (utf8 != NULL, NULL);

  if (!g_utf8_validate (utf8, -1, NULL))
    return g_strdup ("");

  sink.full = result_new (utf8);
  append_text (utf8, &sink);
  full = sink.full;

  return g_string_free (full, FALSE);
}

/**
 * ud_pinyin_initials:
 * @utf8: UTF-8 text
 *
 * First letter of each syllable of @utf8: "中国" → "zg". ASCII letters and
 * digits are kept whole, lower-cased ("ABC公司" → "abcgs"), so typing the
 * Latin part of a name finds it too.
 *
 * Returns: (transfer full): the initials; empty for invalid UTF-8
 */
char *
ud_pinyin_initials (const char *utf8)
{
  Sink sink = { NULL, NULL, NULL };
  GString *initials;

  g_return_val_if_fail (utf8 != NULL, NULL);

  if (!g_utf8_validate (utf8, -1, NULL))
    return g_strdup ("");

  sink.initials = result_new (utf8);
  append_text (utf8, &sink);
  initials = sink.initials;

  return g_string_free (initials, FALSE);
}

static const char *
skip_leading_spaces (const char *name)
{
  while (*name != '\0' && g_unichar_isspace (g_utf8_get_char (name)))
    name = g_utf8_next_char (name);
  return name;
}

/**
 * ud_pinyin_for_name:
 * @name: a personal name in UTF-8, surname first
 * @full: (out) (optional) (transfer full): the full pinyin
 * @initials: (out) (optional) (transfer full): the initials
 *
 * Like ud_pinyin_full() and ud_pinyin_initials() in one pass, except that a
 * surname at the start of @name takes its surname reading (单田芳 →
 * "shantianfang", "stf") and a compound surname is read as a unit
 * (尉迟恭 → "yuchigong"). Leading spaces are ignored. Invalid UTF-8 gives
 * empty strings.
 *
 * This runs once per member when a roll is imported: it allocates only the
 * two results.
 */
void
ud_pinyin_for_name (const char  *name,
                    char       **full,
                    char       **initials)
{
  Sink sink = { NULL, NULL, NULL };
  const char *p;

  g_return_if_fail (name != NULL);

  if (full == NULL && initials == NULL)
    return;

  if (!g_utf8_validate (name, -1, NULL))
    {
      if (full != NULL)
        *full = g_strdup ("");
      if (initials != NULL)
        *initials = g_strdup ("");
      return;
    }

  if (full != NULL)
    sink.full = result_new (name);
  if (initials != NULL)
    sink.initials = result_new (name);

  p = append_surname (skip_leading_spaces (name), &sink);
  append_text (p, &sink);

  if (full != NULL)
    *full = g_string_free (sink.full, FALSE);
  if (initials != NULL)
    *initials = g_string_free (sink.initials, FALSE);
}

/**
 * ud_pinyin_name_syllables:
 * @name: a personal name in UTF-8, surname first
 * @initials: (out) (optional) (transfer full): the initials, as
 *   ud_pinyin_for_name() gives them
 *
 * The syllables that ud_pinyin_for_name() reads @name with, one per Han
 * character that has a reading, in order (单田芳 → "shan", "tian",
 * "fang"). Letters and digits are not syllables and are left out.
 *
 * Returns: (transfer container) (element-type utf8): static strings; empty
 *   for invalid UTF-8
 */
GPtrArray *
ud_pinyin_name_syllables (const char  *name,
                          char       **initials)
{
  Sink sink = { NULL, NULL, g_ptr_array_new () };
  const char *p;

  g_return_val_if_fail (name != NULL, NULL);

  if (initials != NULL)
    sink.initials = result_new (name);

  if (g_utf8_validate (name, -1, NULL))
    {
      p = append_surname (skip_leading_spaces (name), &sink);
      append_text (p, &sink);
    }

  if (initials != NULL)
    *initials = g_string_free (sink.initials, FALSE);
  return sink.syllables;
}

static int
compare_syllable_prefix (const char *prefix,
                         gsize       len,
                         guint       index)
{
  return strncmp (prefix, _ud_pinyin_syllables[index], len);
}

/**
 * ud_pinyin_syllable_range:
 * @prefix: lower-case letters
 * @len: how many bytes of @prefix count
 * @first: (out): the number of the first syllable that starts with them
 * @n: (out): how many syllables do
 *
 * Syllables are numbered from 1 in alphabetical order (the order of
 * ud_pinyin_syllable_at()), so those sharing a prefix are consecutive:
 * "xi" gives xi, xia, xian, xiang, xiao, xie, xin, xing, xiong, xiu.
 *
 * Returns: whether any syllable starts with @prefix
 */
gboolean
ud_pinyin_syllable_range (const char *prefix,
                          gsize       len,
                          guint      *first,
                          guint      *n)
{
  guint lo = 1, hi = _ud_pinyin_n_syllables;
  guint start;

  g_return_val_if_fail (prefix != NULL, FALSE);

  /* The first syllable not below the prefix… */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_syllable_prefix (prefix, len, mid) > 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  start = lo;
  /* …then every one that starts with it. */
  while (lo < _ud_pinyin_n_syllables && compare_syllable_prefix (prefix, len, lo) == 0)
    lo++;

  *first = start;
  *n = lo - start;
  return *n > 0;
}

/**
 * ud_pinyin_syllable_at:
 * @index: 1 … the number of syllables
 *
 * Returns: (nullable): the syllable numbered @index, or %NULL past the last
 */
const char *
ud_pinyin_syllable_at (guint index)
{
  if (index == 0 || index >= _ud_pinyin_n_syllables)
    return NULL;

  return _ud_pinyin_syllables[index];
}

/**
 * ud_pinyin_syllable_index:
 * @syllable: a syllable as ud_pinyin_syllable() gives it
 *
 * Returns: its number (see ud_pinyin_syllable_range()), or 0 when
 *   @syllable is not one
 */
guint
ud_pinyin_syllable_index (const char *syllable)
{
  guint first, n;

  g_return_val_if_fail (syllable != NULL, 0);

  if (!ud_pinyin_syllable_range (syllable, strlen (syllable), &first, &n) ||
      strcmp (_ud_pinyin_syllables[first], syllable) != 0)
    return 0;

  return first;
}
