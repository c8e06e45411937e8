/* ud-member-kind.c — what a member of the roll is: the member kind
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-member-kind"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-member-kind.h"
#include "ud-idcard.h"
#include "ud-pinyin.h"
#include "ud-record.h"
#include "ud-search-private.h"
#include "ud-validate.h"

#define ALIASES(...) UD_STRV (__VA_ARGS__)

static const UdChoice sex_choices[] = {
  { "M", N_("Male"),   "男", ALIASES ("male", "m", "男性") },
  { "F", N_("Female"), "女", ALIASES ("female", "f", "女性") },
};

static const UdChoice employment_choices[] = {
  { "in_service", N_("In service"),       "在职",   ALIASES ("in service", "在岗", "职工", "在编", "合同制", "事业编制", "行政编制") },
  { "migrant",    N_("Migrant worker"),   "农民工", ALIASES ("migrant worker", "进城务工") },
  { "contract",   N_("Non-establishment"), "编外",  ALIASES ("non-establishment", "劳务派遣", "合同工", "临时工", "灵活就业") },
  { "retired",    N_("Retired"),          "退休",   ALIASES ("retiree", "离退休") },
};

static const UdChoice status_choices[] = {
  { "active",      N_("Active"),          "在会",   ALIASES ("正常", "在册") },
  { "transferred", N_("Transferred out"), "转出",   ALIASES ("transferred out", "已转出", "转会") },
  { "retired",     N_("Retired"),         "退休",   ALIASES ("已退休") },
  { "deceased",    N_("Deceased"),        "去世",   ALIASES ("已故", "死亡", "已去世") },
};

/* Shared with the teams' members, whose title level is the member's. */
const UdChoice ud_member_model_worker_choices[] = {
  { "national_model",       N_("National model worker"),                     "全国劳动模范",     ALIASES ("全国劳模") },
  { "national_advanced",    N_("National advanced worker"),                  "全国先进工作者",   NULL },
  { "national_treatment",   N_("Treated as national model worker"),          "享受全国劳模待遇", NULL },
  { "beijing_model",        N_("Beijing model worker"),                      "北京市劳动模范",   ALIASES ("北京市劳模", "市级劳动模范", "市劳模") },
  { "beijing_advanced",     N_("Beijing advanced worker"),                   "北京市先进工作者", ALIASES ("市级先进工作者") },
  { "provincial",           N_("Provincial or ministerial model worker"),    "省部级劳模",       ALIASES ("省部级劳动模范") },
  { "provincial_treatment", N_("Treated as provincial model worker"),        "享受省部级劳模待遇", NULL },
  { "district_model",       N_("District model worker"),                     "区级劳动模范",     ALIASES ("区劳模", "区级劳模") },
  { "district_advanced",    N_("District advanced worker"),                  "区级先进工作者",   NULL },
  { "other",                N_("Other title"),                               "其他",             NULL },
};
G_STATIC_ASSERT (G_N_ELEMENTS (ud_member_model_worker_choices) == UD_MEMBER_N_MODEL_WORKER_CHOICES);

/* A member names the unit by its name; it is kept as the unit's row id,
 * and a name not known yet is a new unit. */
static const UdReference unit_reference = {
  .kind = "unit",
  .style = UD_REFERENCE_KEY,
  .key_field = "name",
  .create_missing = TRUE,
};

static const UdField member_fields[] = {
  { "name", UD_FIELD_TEXT, N_("Name"), "姓名", ALIASES ("name", "会员姓名", "职工姓名"),
    UD_FIELD_REQUIRED | UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_CSV | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_PERSONAL, NULL, 0, 40, 8, NULL, NULL, NULL, "name_pinyin" },
  { "sex", UD_FIELD_CHOICE, N_("Sex"), "性别", ALIASES ("sex", "gender"),
    UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_CSV | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_PERSONAL, sex_choices, G_N_ELEMENTS (sex_choices), 0, 6 },
  { "id_number", UD_FIELD_ID_NUMBER, N_("ID number"), "身份证号", ALIASES ("id_number", "身份证号码", "公民身份号码", "身份证"),
    UD_FIELD_REQUIRED | UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_CSV | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_IDENTIFIER, NULL, 0, 18, 18 },
  { "birth_date", UD_FIELD_DATE, N_("Birth date"), "出生日期", ALIASES ("birth_date"),
    UD_FIELD_SYNCED | UD_FIELD_DERIVED | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_PERSONAL, NULL, 0, 10, 10 },
  { "phone", UD_FIELD_PHONE, N_("Mobile phone"), "手机号", ALIASES ("phone", "手机", "手机号码", "联系电话", "电话"),
    UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_CSV,
    UD_SENSITIVITY_IDENTIFIER, NULL, 0, 11, 11 },
  { "unit", UD_FIELD_REFERENCE, N_("Work unit"), "工作单位", ALIASES ("unit", "单位", "所在单位", "基层工会"),
    UD_FIELD_REQUIRED | UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_CSV | UD_FIELD_SORTABLE | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, NULL, 0, 100, 16, NULL, "unit_id", &unit_reference },
  { "joined_on", UD_FIELD_DATE, N_("Joined on"), "入会日期", ALIASES ("joined_on", "入会时间"),
    UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_CSV | UD_FIELD_SORTABLE | UD_FIELD_NOT_FUTURE,
    UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "card_number", UD_FIELD_CARD, N_("Service card number"), "会员卡号", ALIASES ("card_number", "互助服务卡号", "京卡号", "卡号"),
    UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_CSV,
    UD_SENSITIVITY_IDENTIFIER, NULL, 0, 19, 19 },
  { "employment", UD_FIELD_CHOICE, N_("Employment type"), "用工性质", ALIASES ("employment", "用工类型", "职工类别"),
    UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_CSV | UD_FIELD_SORTABLE | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, employment_choices, G_N_ELEMENTS (employment_choices), 0, 8, "in_service" },
  { "status", UD_FIELD_CHOICE, N_("Status"), "会员状态", ALIASES ("status", "状态"),
    UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_CSV | UD_FIELD_SORTABLE | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, status_choices, G_N_ELEMENTS (status_choices), 0, 6, "active" },
  { "model_worker", UD_FIELD_CHOICE, N_("Model-worker title"), "劳模称号", ALIASES ("model_worker", "劳模级别", "劳模"),
    UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_CSV | UD_FIELD_SORTABLE | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, ud_member_model_worker_choices, UD_MEMBER_N_MODEL_WORKER_CHOICES, 0, 12 },
  { "model_worker_body", UD_FIELD_TEXT, N_("Title awarded by"), "授予机关", ALIASES ("model_worker_body", "授予单位"),
    UD_FIELD_SYNCED | UD_FIELD_CSV,
    UD_SENSITIVITY_NONE, NULL, 0, 60, 12 },
  { "model_worker_year", UD_FIELD_INT, N_("Title year"), "授予年份", ALIASES ("model_worker_year", "获评年份"),
    UD_FIELD_SYNCED | UD_FIELD_CSV | UD_FIELD_TEXT_COLUMN,
    UD_SENSITIVITY_NONE, NULL, 0, 4, 6 },
  /* Other honours are records of their own (ud-honour-kind.h). */
  { "notes", UD_FIELD_TEXT, N_("Notes"), "备注", ALIASES ("notes", "说明"),
    UD_FIELD_SYNCED | UD_FIELD_CSV | UD_FIELD_MULTILINE,
    UD_SENSITIVITY_NONE, NULL, 0, 500, 16 },
  /* The name in pinyin and its initials: this office's list sorts by them
   * and searches them (zmm → 朱明敏); every office computes its own. */
  { "name_pinyin", UD_FIELD_TEXT, N_("Name in pinyin"), NULL, NULL,
    UD_FIELD_DERIVED | UD_FIELD_LOCAL,
    UD_SENSITIVITY_PERSONAL, NULL, 0, 0, 16 },
  { "name_initials", UD_FIELD_TEXT, N_("Initials in pinyin"), NULL, NULL,
    UD_FIELD_DERIVED | UD_FIELD_LOCAL,
    UD_SENSITIVITY_PERSONAL, NULL, 0, 0, 8 },
};

/* Sex and birth date come from the ID number; a typed sex that
 * disagrees is an error, not a silent correction. */
static void
member_validate (UdRecord  *record,
                 GPtrArray *issues,
                 gboolean   fields_ok)
{
  const char *id_number = ud_record_get (record, "id_number");
  const char *sex = ud_record_get (record, "sex");
  g_autofree char *birth = NULL;
  const char *derived;
  UdIdCard card;

  if (strlen (id_number) != 18 || !ud_idcard_parse (id_number, NULL, &card, NULL))
    return;

  derived = card.sex == UD_SEX_FEMALE ? "F" : "M";
  birth = ud_date_to_iso (&card.birth);

  if (*sex != '\0' && strcmp (sex, derived) != 0)
    g_ptr_array_add (issues,
                     ud_issue_new (ud_kind_find_field (record->kind, "sex"), "sex_mismatch", FALSE,
                                   card.sex == UD_SEX_FEMALE
                                   ? _("Sex: the ID number belongs to a woman")
                                   : _("Sex: the ID number belongs to a man")));
  else
    ud_record_set (record, "sex", derived);
  ud_record_set (record, "birth_date", birth);
}

static void
member_derive (UdRecord *record)
{
  g_autofree char *pinyin = NULL;
  g_autofree char *initials = NULL;

  ud_pinyin_for_name (ud_record_get (record, "name"), &pinyin, &initials);
  ud_record_set (record, "name_pinyin", pinyin);
  ud_record_set (record, "name_initials", initials);
}

static gboolean
member_index (UdDatabase      *db,
              gint64           id,
              const UdRecord  *before,
              const UdRecord  *after,
              GError         **error)
{
  return _ud_search_index_member (db, id, before, after, error);
}

static gboolean
member_bulk (UdDatabase  *db,
             UdKindBulk   step,
             GError     **error)
{
  switch (step)
    {
    case UD_KIND_BULK_COLLECT:
      if (!_ud_search_bulk_active (db))
        _ud_search_bulk_begin (db);
      return TRUE;
    case UD_KIND_BULK_END:
      _ud_search_later_end (db);
      return !_ud_search_bulk_active (db) || _ud_search_bulk_end (db, error);
    case UD_KIND_BULK_LATER:
      if (!_ud_search_later (db, error))
        return FALSE;
      if (!_ud_search_bulk_active (db))
        _ud_search_bulk_begin (db);
      return TRUE;
    case UD_KIND_BULK_DEFER:
      return _ud_search_defer (db, error);
    case UD_KIND_BULK_BUILD:
      return _ud_search_rebuild (db, NULL, error);
    case UD_KIND_BULK_FORGET:
      _ud_search_bulk_abort (db);
      _ud_search_later_end (db);
      return TRUE;
    case UD_KIND_BULK_ABORT:
      _ud_search_bulk_abort (db);
      _ud_search_later_end (db);
      _ud_search_undefer (db);
      return TRUE;
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* A migration that (re)creates the search index, or a batch that was
 * stopped before it built it, leaves search_rebuild in meta: the index is
 * filled from the members here, in a transaction of its own, so that an
 * interrupted fill is simply done again. */
static gboolean
member_opened (UdDatabase  *db,
               GError     **error)
{
  g_autofree char *rebuild = ud_database_get_meta (db, "search_rebuild");

  if (rebuild == NULL)
    return TRUE;

  if (!ud_database_begin (db, error))
    return FALSE;
  if (!_ud_search_rebuild (db, NULL, error) ||
      !ud_database_commit (db, error))
    {
      ud_database_rollback (db);
      g_prefix_error (error, _("Filling the search index failed. "));
      return FALSE;
    }

  return TRUE;
}

static gboolean
member_fill (UdDatabase    *db,
             guint          max_records,
             guint64       *left,
             GCancellable  *cancellable,
             GError       **error)
{
  if (!_ud_search_fill (db, max_records, left, cancellable, error))
    {
      g_prefix_error (error, _("Filling the search index failed. "));
      return FALSE;
    }
  return TRUE;
}

static const UdKindHooks member_hooks = {
  .validate = member_validate,
  .derive = member_derive,
  .index = member_index,
  .search = _ud_search_word_sql,
  .bulk = member_bulk,
  .opened = member_opened,
  .fill = member_fill,
  .query = _ud_search_query,
};

const UdKind ud_kind_member = {
  .name = "member",
  .table = "member",
  .label = N_("Member"),
  .fields = member_fields,
  .n_fields = G_N_ELEMENTS (member_fields),
  .natural_keys = UD_STRV ("id_number"),
  .title_fields = UD_STRV ("name"),
  .sort_field = "name",
  .view_permission = UD_PERMISSION_VIEW_MEMBERS,
  .edit_permission = UD_PERMISSION_EDIT_MEMBERS,
  .delete_permission = UD_PERMISSION_DELETE_MEMBERS,
  .flags = UD_KIND_ROSTER,
  .import_permission = UD_PERMISSION_IMPORT_MEMBERS,
  .export_permission = UD_PERMISSION_EXPORT_MEMBERS,
  .hooks = &member_hooks,
};
