/* test-pinyin.c — pinyin and the folded form for search as you type
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-pinyin"

#include "config.h"

#include <glib.h>
#include <string.h>

#include "ud-pinyin.h"
#include "ud-text.h"

static void
assert_name (const char *name,
             const char *expected_full,
             const char *expected_initials)
{
  g_autofree char *full = NULL;
  g_autofree char *initials = NULL;

  ud_pinyin_for_name (name, &full, &initials);
  g_assert_cmpstr (full, ==, expected_full);
  g_assert_cmpstr (initials, ==, expected_initials);
}

static void
assert_full (const char *text,
             const char *expected_full,
             const char *expected_initials)
{
  g_autofree char *full = ud_pinyin_full (text);
  g_autofree char *initials = ud_pinyin_initials (text);

  g_assert_cmpstr (full, ==, expected_full);
  g_assert_cmpstr (initials, ==, expected_initials);
}

static void
assert_folded (const char *text,
               const char *expected)
{
  g_autofree char *folded = ud_text_fold (text);

  g_assert_cmpstr (folded, ==, expected);
}

/* The example of the design: 朱明敏 is found by "zmm" and "zhumingmin". */
static void
test_common_name (void)
{
  assert_name ("朱明敏", "zhumingmin", "zmm");
  assert_full ("朱明敏", "zhumingmin", "zmm");
  assert_full ("中国", "zhongguo", "zg");
  assert_name ("  王小明", "wangxiaoming", "wxm");
}

static void
test_surname_override (void)
{
  assert_name ("单田芳", "shantianfang", "stf");
  assert_name ("曾国藩", "zengguofan", "zgf");
  assert_name ("解缙", "xiejin", "xj");
  assert_name ("仇英", "qiuying", "qy");
  assert_name ("朴树", "piaoshu", "ps");
  assert_name ("翟志刚", "zhaizhigang", "zzg");
  assert_name ("区志强", "ouzhiqiang", "ozq");
  assert_name ("單田芳", "shantianfang", "stf");

  /* Only the first character is a surname: 单 in a given name is dān. */
  assert_name ("王单", "wangdan", "wd");
  /* Outside a name the common reading applies. */
  assert_full ("曾经", "cengjing", "cj");
  assert_full ("单田芳", "dantianfang", "dtf");
}

static void
test_compound_surname (void)
{
  assert_name ("欧阳修", "ouyangxiu", "oyx");
  assert_name ("尉迟恭", "yuchigong", "ycg");
  assert_name ("长孙无忌", "zhangsunwuji", "zswj");
  assert_name ("万俟卨", "moqixie", "mqx");
  assert_name ("诸葛亮", "zhugeliang", "zgl");
  /* The single surnames still read as surnames when no compound matches. */
  assert_name ("尉缭", "weiliao", "wl");
  assert_name ("长江", "changjiang", "cj");
}

static void
test_umlaut (void)
{
  g_assert_cmpstr (ud_pinyin_syllable (0x5415 /* 吕 */), ==, "lv");
  assert_full ("吕", "lv", "l");
  assert_name ("吕布", "lvbu", "lb");
  assert_full ("女", "nv", "n");
}

static void
test_mixed_text (void)
{
  assert_full ("北京ABC", "beijingabc", "bjabc");
  assert_full ("北京 ＡＢＣ-1号", "beijingabc1hao", "bjabc1h");
  assert_full ("Café 中", "cafzhong", "cafz");
  assert_name ("Zhang San", "zhangsan", "zhangsan");
}

static void
test_rare_characters (void)
{
  /* Extension A */
  g_assert_true (ud_text_is_han (0x3400));
  g_assert_cmpstr (ud_pinyin_syllable (0x3400 /* 㐀 */), ==, "qiu");
  assert_full ("㐀", "qiu", "q");
  assert_name ("王㐀", "wangqiu", "wq");

  /* Extension B and G */
  g_assert_cmpstr (ud_pinyin_syllable (0x20000 /* 𠀀 */), ==, "he");
  g_assert_cmpstr (ud_pinyin_syllable (0x30EDE /* 𰻞 */), ==, "biang");

  /* A compatibility ideograph reads like the unified one it stands for. */
  g_assert_cmpstr (ud_pinyin_syllable (0xF900 /* 豈 */), ==, "qi");
  g_assert_cmpstr (ud_pinyin_syllable (0x8C48 /* 豈 */), ==, "qi");
}

static void
test_is_han (void)
{
  g_assert_true (ud_text_is_han (0x4E2D /* 中 */));
  g_assert_true (ud_text_is_han (0x9FFF));
  g_assert_true (ud_text_is_han (0x2A700));
  g_assert_false (ud_text_is_han ('A'));
  g_assert_false (ud_text_is_han (0x3002 /* 。 */));
  g_assert_false (ud_text_is_han (0x2E80 /* ⺀ radical */));
  g_assert_false (ud_text_is_han (0xAC00 /* 가 */));

  g_assert_cmpstr (ud_pinyin_syllable ('A'), ==, NULL);
  g_assert_cmpstr (ud_pinyin_syllable (0x3002), ==, NULL);
  g_assert_cmpstr (ud_pinyin_syllable (0x4E00 /* 一 */), ==, "yi");
}

static void
test_fold (void)
{
  assert_folded ("王小明", "王小明");
  assert_folded ("阿依古丽·买买提", "阿依古丽 买买提");
  assert_folded ("ＡB王", "ab王");
  assert_folded ("  Zhu,  Ming  ", "zhu ming");
  assert_folded ("１３９ 1234", "139 1234");
  assert_folded ("", "");
  assert_folded (" \t", "");
  assert_folded ("\xff\xfe王", "");
}

static void
test_empty (void)
{
  assert_full ("", "", "");
  assert_name ("", "", "");
  assert_name ("   ", "", "");
}

static void
test_invalid_utf8 (void)
{
  g_autofree char *full = NULL;

  assert_full ("\xff\xfe", "", "");
  assert_full ("中\xc3", "", "");
  assert_name ("单\xe4\xb8", "", "");

  /* Either result may be left out. */
  ud_pinyin_for_name ("单田芳", &full, NULL);
  g_assert_cmpstr (full, ==, "shantianfang");
}

/* Not an assertion: how long indexing 100,000 members' names takes. */
static void
test_name_speed (void)
{
  static const char * const surnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
    "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
    "单", "曾", "欧阳", "司马", "诸葛", "翟", "仇", "解", "查", "区",
  };
  static const char * const given[] = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋",
    "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平",
    "刚", "桂", "英", "华", "建", "国", "志", "红", "玉", "兰",
  };
  const guint n_names = 100000;
  g_autoptr(GPtrArray) names = g_ptr_array_new_full (n_names, g_free);
  guint32 state = 2026;
  gint64 start, elapsed;
  gsize total_len = 0;

  for (guint i = 0; i < n_names; i++)
    {
      const char *parts[4] = { NULL, };
      guint n_given;

      /* A fixed linear congruential sequence keeps the run reproducible. */
      state = state * 1103515245 + 12345;
      parts[0] = surnames[(state >> 8) % G_N_ELEMENTS (surnames)];
      n_given = 1 + (state >> 20) % 2;
      for (guint j = 0; j < n_given; j++)
        {
          state = state * 1103515245 + 12345;
          parts[1 + j] = given[(state >> 8) % G_N_ELEMENTS (given)];
        }
      g_ptr_array_add (names, g_strjoinv ("", (char **) parts));
    }

  start = g_get_monotonic_time ();
  for (guint i = 0; i < names->len; i++)
    {
      char *full = NULL;
      char *initials = NULL;

      ud_pinyin_for_name (g_ptr_array_index (names, i), &full, &initials);
      total_len += strlen (full) + strlen (initials);
      g_free (full);
      g_free (initials);
    }
  elapsed = g_get_monotonic_time () - start;

  g_assert_cmpuint (total_len, >, 0);
  g_test_message ("ud_pinyin_for_name: %u names in %.1f ms (%.0f ns per name)",
                  n_names, elapsed / 1000.0, (double) elapsed * 1000.0 / n_names);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pinyin/common-name", test_common_name);
  g_test_add_func ("/pinyin/surname-override", test_surname_override);
  g_test_add_func ("/pinyin/compound-surname", test_compound_surname);
  g_test_add_func ("/pinyin/umlaut", test_umlaut);
  g_test_add_func ("/pinyin/mixed-text", test_mixed_text);
  g_test_add_func ("/pinyin/rare-characters", test_rare_characters);
  g_test_add_func ("/pinyin/is-han", test_is_han);
  g_test_add_func ("/pinyin/empty", test_empty);
  g_test_add_func ("/pinyin/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/pinyin/name-speed", test_name_speed);
  g_test_add_func ("/text/fold", test_fold);

  return g_test_run ();
}
