/* ud-team-kind.c — what a team, its members, households, activities and projects are
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-team-kind"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-member-kind.h"
#include "ud-record.h"
#include "ud-team-kind.h"
#include "ud-team-private.h"

#define ALIASES(...) UD_STRV (__VA_ARGS__)

#define TYPED    (UD_FIELD_SYNCED | UD_FIELD_CSV)
#define DERIVED  (UD_FIELD_SYNCED | UD_FIELD_DERIVED)

/* ---- the team ----------------------------------------------------------- */

static const UdChoice team_status_choices[] = {
  { "active",    N_("Assisting"),      "在帮扶", ALIASES ("运行", "正常", "活跃", "帮扶中") },
  { "planned",   N_("Being formed"),   "筹建中", ALIASES ("筹建", "planned") },
  { "dissolved", N_("Dissolved"),      "已撤销", ALIASES ("撤销", "解散") },
};

static const UdField team_fields[] = {
  { "name", UD_FIELD_TEXT, N_("Team name"), "队伍名称", ALIASES ("name", "名称", "扶贫队", "帮扶队"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SORTABLE | UD_FIELD_SEARCH,
    UD_SENSITIVITY_NONE, NULL, 0, 60, 16 },
  { "founded", UD_FIELD_DATE, N_("Founded on"), "成立日期", ALIASES ("founded", "成立时间"),
    TYPED | UD_FIELD_LIST | UD_FIELD_NOT_FUTURE,
    UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "captain", UD_FIELD_TEXT, N_("Captain"), "队长", ALIASES ("captain"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SEARCH,
    UD_SENSITIVITY_NONE, NULL, 0, 40, 8 },
  { "responsible_union", UD_FIELD_TEXT, N_("Responsible union"), "负责工会", ALIASES ("responsible_union", "牵头工会", "主管工会"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_LIST,
    UD_SENSITIVITY_NONE, NULL, 0, 60, 14 },
  { "paired_locality", UD_FIELD_TEXT, N_("Paired locality"), "结对地区", ALIASES ("paired_locality", "对口地区", "帮扶地区"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SEARCH,
    UD_SENSITIVITY_NONE, NULL, 0, 60, 14 },
  { "status", UD_FIELD_CHOICE, N_("Status"), "状态", ALIASES ("status"),
    TYPED | UD_FIELD_LIST | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, team_status_choices, G_N_ELEMENTS (team_status_choices), 0, 8, "active" },
  { "notes", UD_FIELD_TEXT, N_("Notes"), "备注", ALIASES ("notes"),
    TYPED | UD_FIELD_MULTILINE, UD_SENSITIVITY_NONE, NULL, 0, 500, 16 },
};

static const UdKindHooks team_hooks = {
  .deleted = _ud_team_deleted,
};

const UdKind ud_kind_team = {
  .name = "team",
  .table = "team",
  .label = N_("Model-worker poverty-relief team"),
  .fields = team_fields,
  .n_fields = G_N_ELEMENTS (team_fields),
  .flags = UD_KIND_ROSTER,
  .natural_keys = UD_STRV ("name"),
  .title_fields = UD_STRV ("name"),
  .sort_field = "name",
  .view_permission = UD_PERMISSION_VIEW_MEMBERS,
  .edit_permission = UD_PERMISSION_EDIT_MEMBERS,
  .delete_permission = UD_PERMISSION_DELETE_MEMBERS,
  .import_permission = UD_PERMISSION_IMPORT_MEMBERS,
  .export_permission = UD_PERMISSION_EXPORT_MEMBERS,
  .hooks = &team_hooks,
};

/* Every record of a team names it by its name, kept as its row id: a
 * roster of households has a column with the team's name. */
static const UdReference team_reference = {
  .kind = "team",
  .style = UD_REFERENCE_KEY,
  .key_field = "name",
};

#define TEAM_FIELD \
  { "team", UD_FIELD_REFERENCE, N_("Team"), "帮扶队", ALIASES ("team", "队伍名称", "扶贫队", "所属队伍"), \
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_PARENT | UD_FIELD_FILTER, \
    UD_SENSITIVITY_NONE, NULL, 0, 60, 14, NULL, "team_id", &team_reference }

/* ---- the team's members --------------------------------------------------- */

static const UdChoice role_choices[] = {
  { "captain", N_("Captain"),         "队长",   NULL },
  { "deputy",  N_("Deputy captain"),  "副队长", NULL },
  { "member",  N_("Team member"),     "队员",   ALIASES ("成员") },
};

static const UdReference member_reference = {
  .kind = "member",
  .style = UD_REFERENCE_UUID,
};

static const UdField team_member_fields[] = {
  TEAM_FIELD,
  { "member_uuid", UD_FIELD_REFERENCE, N_("Member"), "会员", ALIASES ("member_uuid"),
    UD_FIELD_REQUIRED | UD_FIELD_SYNCED,
    UD_SENSITIVITY_NONE, NULL, 0, 36, 36, NULL, NULL, &member_reference },
  /* Copied from the roll; a roster names the member by the ID number. */
  { "name", UD_FIELD_TEXT, N_("Name"), "姓名", ALIASES ("name"),
    DERIVED | UD_FIELD_LIST | UD_FIELD_SORTABLE | UD_FIELD_SEARCH,
    UD_SENSITIVITY_PERSONAL, NULL, 0, 40, 8 },
  { "id_number", UD_FIELD_ID_NUMBER, N_("ID number"), "身份证号", ALIASES ("id_number", "身份证号码"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SEARCH,
    UD_SENSITIVITY_IDENTIFIER, NULL, 0, 18, 18 },
  { "title_level", UD_FIELD_CHOICE, N_("Model-worker title"), "劳模称号", ALIASES ("title_level"),
    DERIVED | UD_FIELD_LIST | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, ud_member_model_worker_choices, UD_MEMBER_N_MODEL_WORKER_CHOICES, 0, 12 },
  { "expertise", UD_FIELD_TEXT, N_("Field of expertise"), "专业特长", ALIASES ("expertise", "特长", "专业"),
    TYPED | UD_FIELD_LIST, UD_SENSITIVITY_NONE, NULL, 0, 60, 12 },
  { "role", UD_FIELD_CHOICE, N_("Role in the team"), "队内职务", ALIASES ("role", "职务"),
    TYPED | UD_FIELD_LIST,
    UD_SENSITIVITY_NONE, role_choices, G_N_ELEMENTS (role_choices), 0, 8, "member" },
};

static const UdKindHooks team_member_hooks = {
  .import_row = _ud_team_member_import_row,
};

const UdKind ud_kind_team_member = {
  .name = "team_member",
  .table = "team_member",
  .label = N_("Member of a poverty-relief team"),
  .fields = team_member_fields,
  .n_fields = G_N_ELEMENTS (team_member_fields),
  .flags = UD_KIND_ROSTER,
  .title_fields = UD_STRV ("name"),
  .sort_field = "name",
  .view_permission = UD_PERMISSION_VIEW_MEMBERS,
  .edit_permission = UD_PERMISSION_EDIT_MEMBERS,
  .delete_permission = UD_PERMISSION_EDIT_MEMBERS,
  .import_permission = UD_PERMISSION_IMPORT_MEMBERS,
  .export_permission = UD_PERMISSION_EXPORT_MEMBERS,
  .hooks = &team_member_hooks,
};

/* ---- assisted households ------------------------------------------------ */

/* The causes of the national poverty registration (建档立卡). */
static const UdChoice poverty_cause_choices[] = {
  { "illness",    N_("Illness"),              "因病", ALIASES ("疾病", "大病") },
  { "disability", N_("Disability"),           "因残", ALIASES ("残疾") },
  { "schooling",  N_("Schooling costs"),      "因学", ALIASES ("上学") },
  { "disaster",   N_("Natural disaster"),     "因灾", ALIASES ("灾害") },
  { "no_land",    N_("Lack of land"),         "缺土地", NULL },
  { "no_water",   N_("Lack of water"),        "缺水", NULL },
  { "no_skills",  N_("Lack of skills"),       "缺技术", ALIASES ("技术") },
  { "no_labour",  N_("Lack of labour"),       "缺劳力", ALIASES ("劳力") },
  { "no_capital", N_("Lack of capital"),      "缺资金", ALIASES ("资金") },
  { "transport",  N_("Poor transport"),       "交通条件落后", ALIASES ("交通") },
  { "own_effort", N_("Lack of own drive"),    "自身发展动力不足", ALIASES ("动力不足") },
  { "other",      N_("Other cause"),          "其他", NULL },
};

static const UdField household_fields[] = {
  TEAM_FIELD,
  { "head", UD_FIELD_TEXT, N_("Head of household"), "户主姓名", ALIASES ("head", "户主", "姓名"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SORTABLE | UD_FIELD_SEARCH,
    UD_SENSITIVITY_PERSONAL, NULL, 0, 40, 8 },
  /* What the aid batches tell people apart by. */
  { "head_id_number", UD_FIELD_ID_NUMBER, N_("Head's ID number"), "户主身份证号", ALIASES ("head_id_number", "身份证号", "身份证号码"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_LIST,
    UD_SENSITIVITY_IDENTIFIER, NULL, 0, 18, 18 },
  { "village", UD_FIELD_TEXT, N_("Village"), "所在村", ALIASES ("village", "村", "村庄", "住址"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SORTABLE | UD_FIELD_SEARCH,
    UD_SENSITIVITY_NONE, NULL, 0, 60, 12 },
  { "size", UD_FIELD_INT, N_("Household size"), "家庭人口", ALIASES ("size", "人口", "家庭人口数"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_LIST,
    UD_SENSITIVITY_NONE, NULL, 0, 2, 4 },
  { "cause", UD_FIELD_CHOICE, N_("Main cause of poverty"), "主要致贫原因", ALIASES ("cause", "致贫原因"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, poverty_cause_choices, G_N_ELEMENTS (poverty_cause_choices), 0, 10 },
  { "registration_number", UD_FIELD_TEXT, N_("Poverty registration number"), "建档立卡编号", ALIASES ("registration_number", "建档立卡号", "建档立卡"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SEARCH,
    UD_SENSITIVITY_PERSONAL, NULL, 0, 30, 14 },
  { "contact", UD_FIELD_PHONE, N_("Contact telephone"), "联系电话", ALIASES ("contact", "电话", "手机"),
    TYPED | UD_FIELD_LIST, UD_SENSITIVITY_IDENTIFIER, NULL, 0, 11, 11 },
};

static void
household_validate (UdRecord  *record,
                    GPtrArray *issues,
                    gboolean   fields_ok)
{
  if (fields_ok && ud_record_get_int (record, "size") < 1)
    g_ptr_array_add (issues, ud_issue_new (ud_kind_find_field (record->kind, "size"), "too_small", FALSE,
                                           /* TRANSLATORS: a field label */
                                           _("%s: a household has at least one person"),
                                           ud_kind_get_field_label (record->kind, "size")));
}

static const UdKindHooks household_hooks = {
  .validate = household_validate,
  .deleted = _ud_household_deleted,
};

const UdKind ud_kind_assisted_household = {
  .name = "assisted_household",
  .table = "assisted_household",
  .label = N_("Household assisted by a team"),
  .fields = household_fields,
  .n_fields = G_N_ELEMENTS (household_fields),
  .flags = UD_KIND_ROSTER,
  .natural_keys = UD_STRV ("registration_number"),
  .title_fields = UD_STRV ("head", "village"),
  .sort_field = "head",
  .view_permission = UD_PERMISSION_VIEW_MEMBERS,
  .edit_permission = UD_PERMISSION_EDIT_MEMBERS,
  .delete_permission = UD_PERMISSION_EDIT_MEMBERS,
  .import_permission = UD_PERMISSION_IMPORT_MEMBERS,
  .export_permission = UD_PERMISSION_EXPORT_MEMBERS,
  .hooks = &household_hooks,
  /* The city server's duplicate-aid check reads the payments, which
   * carry the head's ID number: a household is no aid by itself. */
};

/* ---- activities ------------------------------------------------------------ */

static const UdChoice activity_choices[] = {
  { "skills",      N_("Skills training"),    "技能", ALIASES ("技能培训", "skills") },
  { "health",      N_("Health"),             "健康", ALIASES ("义诊", "health") },
  { "education",   N_("Education"),          "教育", ALIASES ("助学", "education") },
  { "industry",    N_("Industry"),           "产业", ALIASES ("产业帮扶", "industry") },
  { "consumption", N_("Consumption"),        "消费", ALIASES ("消费帮扶", "consumption") },
  { "pairing",     N_("Pairing"),            "结对", ALIASES ("结对帮扶", "pairing") },
};

static const UdField activity_fields[] = {
  TEAM_FIELD,
  { "date", UD_FIELD_DATE, N_("Date"), "活动日期", ALIASES ("date", "日期"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SORTABLE | UD_FIELD_NOT_FUTURE,
    UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "type", UD_FIELD_CHOICE, N_("Type of activity"), "活动类型", ALIASES ("type", "类型"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, activity_choices, G_N_ELEMENTS (activity_choices), 0, 6 },
  { "place", UD_FIELD_TEXT, N_("Place"), "活动地点", ALIASES ("place", "地点"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_LIST, UD_SENSITIVITY_NONE, NULL, 0, 60, 12 },
  /* Names of the team's members, joined by 、 (each checked). */
  { "participants", UD_FIELD_TEXT, N_("Members who took part"), "参加队员", ALIASES ("participants", "参加人员"),
    TYPED | UD_FIELD_LIST | UD_FIELD_SEARCH, UD_SENSITIVITY_NONE, NULL, 0, 500, 16 },
  { "households_reached", UD_FIELD_INT, N_("Households reached"), "帮扶户数", ALIASES ("households_reached", "受益户数"),
    TYPED | UD_FIELD_LIST, UD_SENSITIVITY_NONE, NULL, 0, 5, 6, "0" },
  { "money", UD_FIELD_MONEY, N_("Money given"), "资金", ALIASES ("money", "资金金额", "捐款"),
    TYPED | UD_FIELD_LIST, UD_SENSITIVITY_NONE, NULL, 0, 0, 10, "0" },
  { "goods_value", UD_FIELD_MONEY, N_("Value of goods given"), "物资折价", ALIASES ("goods_value", "物资", "物资价值"),
    TYPED | UD_FIELD_LIST, UD_SENSITIVITY_NONE, NULL, 0, 0, 10, "0" },
  { "summary", UD_FIELD_TEXT, N_("Summary"), "活动内容", ALIASES ("summary", "内容", "摘要"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_MULTILINE, UD_SENSITIVITY_NONE, NULL, 0, 1000, 24 },
  /* One activity a team, date, type and place: a file imported again
   * updates it rather than adding it twice. */
  { "activity_key", UD_FIELD_TEXT, N_("Team, date, type and place"), "活动标识", ALIASES ("activity_key"),
    UD_FIELD_SYNCED | UD_FIELD_DERIVED, UD_SENSITIVITY_NONE, NULL, 0, 200, 12 },
};

static void
not_negative (UdRecord   *record,
              GPtrArray  *issues,
              const char *name)
{
  if (ud_record_get_int (record, name) < 0)
    g_ptr_array_add (issues, ud_issue_new (ud_kind_find_field (record->kind, name), "negative", FALSE,
                                           /* TRANSLATORS: a field label */
                                           _("%s: must not be negative"),
                                           ud_kind_get_field_label (record->kind, name)));
}

static void
activity_validate (UdRecord  *record,
                   GPtrArray *issues,
                   gboolean   fields_ok)
{
  if (!fields_ok)
    return;
  not_negative (record, issues, "households_reached");
  not_negative (record, issues, "money");
  not_negative (record, issues, "goods_value");
}

static void
activity_derive (UdRecord *record)
{
  g_autofree char *key = g_strdup_printf ("%s/%s/%s/%s", ud_record_get (record, "team"), ud_record_get (record, "date"),
                                          ud_record_get (record, "type"), ud_record_get (record, "place"));

  ud_record_set (record, "activity_key", key);
}

static const UdKindHooks activity_hooks = {
  .validate = activity_validate,
  .derive = activity_derive,
  .import_row = _ud_team_activity_import_row,
};

const UdKind ud_kind_team_activity = {
  .name = "team_activity",
  .table = "team_activity",
  .label = N_("Activity of a poverty-relief team"),
  .fields = activity_fields,
  .n_fields = G_N_ELEMENTS (activity_fields),
  .flags = UD_KIND_ROSTER,
  .natural_keys = UD_STRV ("activity_key"),
  .title_fields = UD_STRV ("date", "place"),
  .sort_field = "date",
  .view_permission = UD_PERMISSION_VIEW_MEMBERS,
  .edit_permission = UD_PERMISSION_EDIT_MEMBERS,
  .delete_permission = UD_PERMISSION_EDIT_MEMBERS,
  .import_permission = UD_PERMISSION_IMPORT_MEMBERS,
  .export_permission = UD_PERMISSION_EXPORT_MEMBERS,
  .hooks = &activity_hooks,
};

/* ---- projects ------------------------------------------------------------ */

static const UdField project_fields[] = {
  TEAM_FIELD,
  { "name", UD_FIELD_TEXT, N_("Project"), "项目名称", ALIASES ("name", "项目"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SEARCH, UD_SENSITIVITY_NONE, NULL, 0, 60, 14 },
  { "started_on", UD_FIELD_DATE, N_("Given on"), "实施日期", ALIASES ("started_on", "日期"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SORTABLE | UD_FIELD_NOT_FUTURE,
    UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "donor", UD_FIELD_TEXT, N_("Given by"), "捐赠人", ALIASES ("donor", "捐赠单位"),
    TYPED | UD_FIELD_LIST, UD_SENSITIVITY_NONE, NULL, 0, 60, 12 },
  { "description", UD_FIELD_TEXT, N_("What was given"), "项目内容", ALIASES ("description", "内容"),
    TYPED | UD_FIELD_MULTILINE, UD_SENSITIVITY_NONE, NULL, 0, 500, 20 },
  { "households", UD_FIELD_INT, N_("Households benefiting"), "受益户数", ALIASES ("households"),
    TYPED | UD_FIELD_LIST, UD_SENSITIVITY_NONE, NULL, 0, 5, 6, "0" },
  { "value", UD_FIELD_MONEY, N_("Value"), "折合金额", ALIASES ("value", "价值", "金额"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_LIST, UD_SENSITIVITY_NONE, NULL, 0, 0, 10 },
  /* One project of a name a team. */
  { "project_key", UD_FIELD_TEXT, N_("Team and project"), "项目标识", ALIASES ("project_key"),
    UD_FIELD_SYNCED | UD_FIELD_DERIVED, UD_SENSITIVITY_NONE, NULL, 0, 200, 12 },
};

static void
project_validate (UdRecord  *record,
                  GPtrArray *issues,
                  gboolean   fields_ok)
{
  if (!fields_ok)
    return;
  not_negative (record, issues, "households");
  not_negative (record, issues, "value");
}

static void
project_derive (UdRecord *record)
{
  g_autofree char *key = g_strdup_printf ("%s/%s", ud_record_get (record, "team"), ud_record_get (record, "name"));

  ud_record_set (record, "project_key", key);
}

static const UdKindHooks project_hooks = {
  .validate = project_validate,
  .derive = project_derive,
};

const UdKind ud_kind_team_project = {
  .name = "team_project",
  .table = "team_project",
  .label = N_("Project of a poverty-relief team"),
  .fields = project_fields,
  .n_fields = G_N_ELEMENTS (project_fields),
  .flags = UD_KIND_ROSTER,
  .natural_keys = UD_STRV ("project_key"),
  .title_fields = UD_STRV ("name"),
  .sort_field = "started_on",
  .view_permission = UD_PERMISSION_VIEW_MEMBERS,
  .edit_permission = UD_PERMISSION_EDIT_MEMBERS,
  .delete_permission = UD_PERMISSION_EDIT_MEMBERS,
  .import_permission = UD_PERMISSION_IMPORT_MEMBERS,
  .export_permission = UD_PERMISSION_EXPORT_MEMBERS,
  .hooks = &project_hooks,
};
