/* ud-generate.c — realistic, fictitious rosters for benchmarks and tests
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-generate"

#include "config.h"

#include "ud-generate.h"
#include "ud-member-store.h"
#include "ud-record-store-private.h"

/* Surnames roughly in order of frequency; earlier ones are drawn more. */
static const char * const surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高",
  "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧",
  "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾",
  "丁", "魏", "薛", "叶", "阎", "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜",
  "范", "方", "石", "姚", "谭", "廖", "邹", "熊", "金", "陆", "郝", "孔", "白", "崔", "康",
  "毛", "邱", "秦", "江", "史", "顾", "侯", "邵", "孟", "龙", "万", "段", "雷", "钱", "汤",
  "尹", "黎", "易", "常", "武", "乔", "贺", "赖", "龚", "文", "单", "解", "仇", "欧阳", "司马",
};

static const char * const given[] = {
  "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
  "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "兰", "红", "建", "国", "文",
  "志", "海", "鹏", "辉", "波", "宁", "丹", "萍", "鑫", "斌", "林", "春", "梅", "雪", "琳",
  "晨", "浩", "宇", "欣", "婷", "佳", "慧", "颖", "晓", "东", "亮", "凤", "小", "德", "永",
  "金", "荣", "新", "利", "清", "飞", "彬", "富", "顺", "信", "子", "杰", "涵", "博", "瑞",
  "思", "雨", "嘉", "俊", "轩", "怡", "萱", "诗", "梓", "睿", "泽", "铭", "昊", "天", "然",
};

static const char * const districts[] = {
  "110101", "110102", "110105", "110106", "110107", "110108", "110109", "110111",
  "110112", "110113", "110114", "110115", "110116", "110117", "110118", "110119", "110228",
};

static const char * const streets[] = {
  "鼓楼", "果园", "十里堡", "溪翁庄", "西田各庄", "河南寨", "穆家峪", "太师屯", "高岭", "不老屯",
  "冯家峪", "古北口", "大城子", "东邵渠", "北庄", "新城子", "石城", "檀营",
};

static const char * const trades[] = {
  "建材有限公司", "食品有限公司", "物业管理有限公司", "供水集团", "医院", "中学", "小学",
  "农业合作社", "旅游开发有限公司", "燃气有限公司", "汽车运输公司", "商贸有限公司",
  "养蜂专业合作社", "电子科技有限公司", "建筑工程有限公司", "街道办事处",
};

static const char * const employment[] = { "在职", "在职", "在职", "在职", "农民工", "农民工", "编外", "退休" };

static const char * const titles[] = {
  "全国劳动模范", "北京市劳动模范", "北京市先进工作者", "区级劳动模范", "区级先进工作者",
};

static const char * const header[] = {
  "姓名", "性别", "身份证号", "手机号", "工作单位", "入会日期", "会员卡号", "用工性质", "劳模称号", "备注",
};

static char
id_check_char (const char *first17)
{
  static const int weights[] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  int sum = 0;

  for (guint i = 0; i < 17; i++)
    sum += (first17[i] - '0') * weights[i];

  return "10X98765432"[sum % 11];
}

static char
luhn_check_digit (const char *digits)
{
  gsize len = strlen (digits);
  int sum = 0;

  /* The check digit will sit to the right: double every second digit
   * counting from the rightmost of @digits. */
  for (gsize i = 0; i < len; i++)
    {
      int d = digits[len - 1 - i] - '0';

      if (i % 2 == 0)
        {
          d *= 2;
          if (d > 9)
            d -= 9;
        }
      sum += d;
    }

  return (char) ('0' + (10 - sum % 10) % 10);
}

static const char *
pick_surname (GRand *rand)
{
  /* A rough Zipf law: the first surnames are far more common. */
  double u = g_rand_double (rand);
  guint index = (guint) (G_N_ELEMENTS (surnames) * u * u * u);

  return surnames[MIN (index, G_N_ELEMENTS (surnames) - 1)];
}

GPtrArray *
ud_generate_roster (guint   n,
                    guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *rows = g_ptr_array_new_full (n + 1, (GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row;
  guint n_units = CLAMP (n / 300, 5, 600);

  for (guint u = 0; u < n_units; u++)
    g_ptr_array_add (units,
                     g_strdup_printf ("北京%s%s%s",
                                      streets[g_rand_int_range (rand, 0, G_N_ELEMENTS (streets))],
                                      u < G_N_ELEMENTS (trades) ? "" : given[u % G_N_ELEMENTS (given)],
                                      trades[u % G_N_ELEMENTS (trades)]));

  row = g_ptr_array_new_with_free_func (g_free);
  for (guint c = 0; c < G_N_ELEMENTS (header); c++)
    g_ptr_array_add (row, g_strdup (header[c]));
  g_ptr_array_add (rows, row);

  for (guint i = 0; i < n; i++)
    {
      char id[19];
      char card[20];
      GString *name = g_string_new (pick_surname (rand));
      guint given_len = g_rand_int_range (rand, 0, 10) < 3 ? 1 : 2;
      /* Unique by construction: district and birth date from i / 1000,
       * sequence number from i % 1000. */
      guint seq = i % 1000;
      guint variant = i / 1000;
      g_autoptr(GDate) birth = g_date_new_dmy (1, G_DATE_JANUARY, 1958);
      gboolean female;

      for (guint g = 0; g < given_len; g++)
        g_string_append (name, given[g_rand_int_range (rand, 0, G_N_ELEMENTS (given))]);

      g_date_add_days (birth, (variant / G_N_ELEMENTS (districts)) * 251 % 16000);
      g_snprintf (id, sizeof id, "%s%04u%02u%02u%03u",
                  districts[variant % G_N_ELEMENTS (districts)],
                  g_date_get_year (birth), g_date_get_month (birth), g_date_get_day (birth), seq);
      id[17] = id_check_char (id);
      id[18] = '\0';
      female = (id[16] - '0') % 2 == 0;

      g_snprintf (card, sizeof card, "622206%012u", g_rand_int (rand) % 1000000000u * 7 + i % 7);
      card[18] = luhn_check_digit (card);
      card[19] = '\0';

      row = g_ptr_array_new_full (G_N_ELEMENTS (header), g_free);
      g_ptr_array_add (row, g_string_free (name, FALSE));
      g_ptr_array_add (row, g_strdup (female ? "女" : "男"));
      g_ptr_array_add (row, g_strdup (id));
      g_ptr_array_add (row, g_strdup_printf ("1%d%09u", g_rand_int_range (rand, 3, 10),
                                             g_rand_int (rand) % 1000000000u));
      g_ptr_array_add (row, g_strdup (g_ptr_array_index (units, g_rand_int_range (rand, 0, (gint32) units->len))));
      g_ptr_array_add (row, g_strdup_printf ("%04d-%02d-%02d", g_rand_int_range (rand, 1990, 2025),
                                             g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29)));
      g_ptr_array_add (row, g_strdup (card));
      g_ptr_array_add (row, g_strdup (employment[g_rand_int_range (rand, 0, G_N_ELEMENTS (employment))]));
      g_ptr_array_add (row, g_strdup (g_rand_int_range (rand, 0, 200) == 0
                                      ? titles[g_rand_int_range (rand, 0, G_N_ELEMENTS (titles))] : ""));
      g_ptr_array_add (row, g_strdup (""));
      g_ptr_array_add (rows, row);
    }

  return rows;
}

gboolean
ud_generate_members (UdDatabase  *db,
                     guint        n,
                     guint32      seed,
                     GError     **error)
{
  g_autoptr(GPtrArray) rows = ud_generate_roster (n, seed);
  g_autoptr(UdRecordBatch) batch = NULL;
  GPtrArray *head = g_ptr_array_index (rows, 0);

  g_return_val_if_fail (UD_IS_DATABASE (db), FALSE);

  /* Written as an import of the roster would write it. */
  if (!ud_database_begin (db, error))
    return FALSE;
  batch = _ud_record_batch_begin (db, &ud_kind_member, n, FALSE, error);
  if (batch == NULL)
    {
      ud_database_rollback (db);
      return FALSE;
    }

  for (guint r = 1; r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);
      g_autoptr(UdRecord) record = ud_record_new (&ud_kind_member);

      for (guint c = 0; c < head->len; c++)
        {
          const UdField *field = ud_kind_match_csv_header (&ud_kind_member, g_ptr_array_index (head, c));

          ud_record_set (record, field->name, g_ptr_array_index (row, c));
        }
      if (!ud_record_check (record, NULL))
        {
          g_set_error (error, UD_DATABASE_ERROR, UD_DATABASE_ERROR_INVALID,
                       "generated row %u is invalid", r);
          ud_database_rollback (db);
          return FALSE;
        }
      if (!_ud_record_batch_write (batch, record, NULL, error))
        {
          ud_database_rollback (db);
          return FALSE;
        }
    }

  if (!_ud_record_batch_end (batch, "generate", NULL, error))
    {
      ud_database_rollback (db);
      return FALSE;
    }

  return ud_database_commit (db, error);
}
