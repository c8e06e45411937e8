/* ud-room-kind.c — what a mother-and-baby room, its inspections, deliveries and use are
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-rooms"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ud-room-kind.h"
#include "ud-room-photo-files.h"
#include "ud-record.h"
#include "ud-validate.h"

#define ALIASES(...) UD_STRV (__VA_ARGS__)

#define TYPED    (UD_FIELD_SYNCED | UD_FIELD_CSV)
#define DERIVED  (UD_FIELD_SYNCED | UD_FIELD_DERIVED)

static const UdChoice yes_no_choices[] = {
  { "yes", N_("Yes"), "是", ALIASES ("true", "y", "1", "有") },
  { "no",  N_("No"),  "否", ALIASES ("false", "n", "0", "无") },
};

/* The values are the standards' (ud-room-standards.c). */
static const UdChoice type_choices[] = {
  { "unit",     N_("Inside a unit"), "单位内部", ALIASES ("单位", "企业内部") },
  { "building", N_("Office building or union service station"), "楼宇/工会服务站", ALIASES ("楼宇", "工会服务站", "楼宇工会服务站") },
  { "public",   N_("Public place"), "公共场所", ALIASES ("公共") },
  { "corner",   N_("Mother-and-baby corner"), "母婴关爱角", ALIASES ("关爱角") },
};

/* 已建 → 达标挂牌 → 区级示范 → 市级示范 */
static const UdChoice level_choices[] = {
  { "built",         N_("Built"),                  "已建",     ALIASES ("已建成") },
  { "plaqued",       N_("Up to standard, plaqued"), "达标挂牌", ALIASES ("挂牌", "达标") },
  { "district_demo", N_("District model room"),    "区级示范", ALIASES ("区级示范母婴关爱室") },
  { "city_demo",     N_("City model room"),        "市级示范", ALIASES ("市级示范母婴关爱室") },
};

/* In the order of UdRoomFacility; the keeper is the keeper field. */
static const UdChoice facility_choices[] = {
  { "power_socket",     N_("Power socket"),           "电源插座", ALIASES ("插座") },
  { "fridge",           N_("Fridge for breast milk"), "母乳冰箱", ALIASES ("冰箱", "储奶冰箱") },
  { "privacy",          N_("Privacy (a door that locks or a curtain)"), "私密设施", ALIASES ("门锁", "隔帘", "私密") },
  { "changing_table",   N_("Baby changing table"),    "婴儿护理台", ALIASES ("护理台", "尿布台") },
  { "wash_basin",       N_("Wash basin"),             "洗手池",   ALIASES ("洗手盆") },
  { "water_dispenser",  N_("Water dispenser"),        "饮水机",   NULL },
  { "microwave",        N_("Microwave"),              "微波炉",   NULL },
  { "steriliser",       N_("Steriliser"),             "消毒柜",   ALIASES ("消毒器") },
  { "storage_cabinet",  N_("Storage cabinet"),        "储物柜",   NULL },
  { "air_conditioning", N_("Air conditioning"),       "空调",     NULL },
};

/* The rule's failure codes (ud_room_failure_codes ()), in its order. */
static const UdChoice failure_choices[] = {
  { "area_below_minimum",       N_("Area below the minimum"),             "面积不足",     NULL },
  { "too_few_table_chair_sets", N_("Too few sets of table and chair"),    "桌椅不足",     NULL },
  { "no_table",                 N_("No table"),                           "无桌子",       NULL },
  { "too_few_seats",            N_("Too few seats"),                      "座椅不足",     NULL },
  { "no_power_socket",          N_("No power socket"),                    "无电源插座",   NULL },
  { "no_fridge",                N_("No fridge for breast milk"),          "无母乳冰箱",   NULL },
  { "no_privacy",               N_("No privacy"),                         "无私密设施",   NULL },
  { "no_changing_table",        N_("No baby changing table"),             "无婴儿护理台", NULL },
  { "no_keeper",                N_("No keeper"),                          "无专人管理",   NULL },
};

/* A room is hosted by a unit of the units register, named by its name. */
static const UdReference unit_reference = {
  .kind = "unit",
  .style = UD_REFERENCE_KEY,
  .key_field = "name",
  .create_missing = FALSE,
};

static const UdField room_fields[] = {
  { "name", UD_FIELD_TEXT, N_("Room"), "名称", ALIASES ("name", "母婴关爱室名称", "室名称", "关爱室名称"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SORTABLE | UD_FIELD_SEARCH,
    UD_SENSITIVITY_NONE, NULL, 0, 80, 18 },
  { "unit", UD_FIELD_REFERENCE, N_("Host unit"), "所在单位", ALIASES ("unit", "单位", "主办单位", "依托单位"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, NULL, 0, 100, 16, NULL, "unit_id", &unit_reference },
  { "address", UD_FIELD_TEXT, N_("Address"), "地址", ALIASES ("address", "详细地址"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_SEARCH,
    UD_SENSITIVITY_NONE, NULL, 0, 120, 20 },
  { "street", UD_FIELD_TEXT, N_("Street or township"), "街道乡镇", ALIASES ("street", "街道", "乡镇"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SORTABLE | UD_FIELD_FILTER | UD_FIELD_SEARCH,
    UD_SENSITIVITY_NONE, NULL, 0, 40, 10 },
  { "room_type", UD_FIELD_CHOICE, N_("Type"), "类型", ALIASES ("room_type", "type", "类别"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, type_choices, G_N_ELEMENTS (type_choices), 0, 10 },
  { "area_m2", UD_FIELD_DECIMAL, N_("Area in m²"), "面积", ALIASES ("area_m2", "面积(平方米)", "面积（平方米）", "使用面积"),
    TYPED | UD_FIELD_REQUIRED,
    UD_SENSITIVITY_NONE, NULL, 0, 10, 6 },
  { "table_chair_sets", UD_FIELD_INT, N_("Sets of table and chair"), "桌椅套数", ALIASES ("table_chair_sets", "桌椅"),
    TYPED, UD_SENSITIVITY_NONE, NULL, 0, 3, 4, "0" },
  { "tables", UD_FIELD_INT, N_("Tables"), "桌子", ALIASES ("tables", "桌子数"),
    TYPED, UD_SENSITIVITY_NONE, NULL, 0, 3, 4, "0" },
  { "seats", UD_FIELD_INT, N_("Seats"), "座椅", ALIASES ("seats", "座椅数", "座位"),
    TYPED, UD_SENSITIVITY_NONE, NULL, 0, 3, 4, "0" },
  { "facilities", UD_FIELD_CHOICE, N_("Facilities"), "设施", ALIASES ("facilities", "配备设施"),
    TYPED | UD_FIELD_SET | UD_FIELD_MULTILINE,
    UD_SENSITIVITY_NONE, facility_choices, G_N_ELEMENTS (facility_choices), 0, 16 },
  { "hours", UD_FIELD_TEXT, N_("Opening hours"), "开放时间", ALIASES ("hours", "开放时段"),
    TYPED, UD_SENSITIVITY_NONE, NULL, 0, 60, 12 },
  { "keeper", UD_FIELD_TEXT, N_("Keeper"), "管理员", ALIASES ("keeper", "管理人", "专人管理"),
    TYPED | UD_FIELD_SEARCH, UD_SENSITIVITY_PERSONAL, NULL, 0, 40, 8 },
  { "keeper_phone", UD_FIELD_PHONE, N_("Keeper's mobile phone"), "管理员电话", ALIASES ("keeper_phone", "联系电话", "电话"),
    TYPED, UD_SENSITIVITY_IDENTIFIER, NULL, 0, 11, 11 },
  { "opened_on", UD_FIELD_DATE, N_("Opened on"), "建成日期", ALIASES ("opened_on", "建成时间", "启用日期"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_NOT_FUTURE,
    UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "level", UD_FIELD_CHOICE, N_("Level"), "级别", ALIASES ("level", "建设级别", "星级"),
    TYPED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_FILTER | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_NONE, level_choices, G_N_ELEMENTS (level_choices), 0, 8, "built" },
  { "plaque_number", UD_FIELD_TEXT, N_("Plaque number"), "挂牌编号", ALIASES ("plaque_number", "牌匾编号", "证书编号"),
    TYPED | UD_FIELD_LIST | UD_FIELD_SEARCH,
    UD_SENSITIVITY_NONE, NULL, 0, 40, 12 },
  { "plaque_date", UD_FIELD_DATE, N_("Plaqued on"), "挂牌日期", ALIASES ("plaque_date", "挂牌时间"),
    TYPED | UD_FIELD_NOT_FUTURE,
    UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "override_reason", UD_FIELD_TEXT, N_("Why plaqued though not up to standard"), "未达标挂牌理由", ALIASES ("override_reason", "特批理由"),
    TYPED | UD_FIELD_MULTILINE, UD_SENSITIVITY_NONE, NULL, 0, 500, 16 },
  { "notes", UD_FIELD_TEXT, N_("Notes"), "备注", ALIASES ("notes"),
    TYPED | UD_FIELD_MULTILINE, UD_SENSITIVITY_NONE, NULL, 0, 500, 16 },
  /* The photos' files, kept beside the database (ud-room-photo-files.h): a JSON
   * list of their names and captions.  The names travel with the room;
   * the files do not. */
  { "photos", UD_FIELD_TEXT, N_("Photos"), "照片", ALIASES ("photos"),
    UD_FIELD_SYNCED, UD_SENSITIVITY_NONE, NULL, 0, 2400, 16 },

  /* What the standards say of it */
  { "compliant", UD_FIELD_CHOICE, N_("Up to standard"), "是否达标", ALIASES ("compliant"),
    DERIVED | UD_FIELD_CSV | UD_FIELD_LIST | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, yes_no_choices, G_N_ELEMENTS (yes_no_choices), 0, 4, "no" },
  { "failed_requirements", UD_FIELD_CHOICE, N_("Requirements not met"), "未达标项", ALIASES ("failed_requirements"),
    DERIVED | UD_FIELD_CSV | UD_FIELD_SET | UD_FIELD_MULTILINE,
    UD_SENSITIVITY_NONE, failure_choices, G_N_ELEMENTS (failure_choices), 0, 16 },
  { "standards_version", UD_FIELD_TEXT, N_("Standards version"), "标准版本", ALIASES ("standards_version"),
    DERIVED, UD_SENSITIVITY_NONE, NULL, 0, 40, 8 },
};

gboolean
ud_room_level_has_plaque (const char *level)
{
  return level != NULL && (g_str_equal (level, "plaqued") || g_str_equal (level, "district_demo") ||
                           g_str_equal (level, "city_demo"));
}

static gboolean
read_count (const UdRecord *room,
            const char     *name,
            gint64         *count)
{
  const char *text = ud_record_get (room, name);

  *count = 0;
  return *text == '\0' || g_ascii_string_to_signed (text, 10, 0, G_MAXINT32, count, NULL);
}

gboolean
ud_room_case_from_record (const UdRecord *room,
                          UdRoomCase     *c)
{
  const char *date = ud_record_get (room, "plaque_date");
  g_auto(GStrv) facilities = NULL;

  g_return_val_if_fail (room != NULL && room->kind == &ud_kind_room, FALSE);

  memset (c, 0, sizeof *c);
  if (*date == '\0')
    date = ud_record_get (room, "opened_on");
  if (!ud_date_parse (date, &c->date, NULL) ||
      !ud_room_type_from_string (ud_record_get (room, "room_type"), &c->type) ||
      !ud_decimal_parse (ud_record_get (room, "area_m2"), &c->area, NULL) || c->area < 0 ||
      !read_count (room, "table_chair_sets", &c->table_chair_sets) ||
      !read_count (room, "tables", &c->tables) ||
      !read_count (room, "seats", &c->seats))
    return FALSE;

  facilities = g_strsplit (ud_record_get (room, "facilities"), ",", -1);
  for (guint i = 0; facilities[i] != NULL; i++)
    for (guint f = 0; f < UD_ROOM_N_FACILITIES; f++)
      if (g_str_equal (facilities[i], ud_room_facility_to_string ((UdRoomFacility) f)))
        c->has[f] = TRUE;
  c->has[UD_ROOM_KEEPER] = !ud_text_is_blank (ud_record_get (room, "keeper"));

  return TRUE;
}

gboolean
ud_room_judge (const UdRecord *room,
               UdRoomVerdict  *verdict)
{
  g_autoptr(UdRoomStandards) standards = ud_room_standards_get_current ();
  UdRoomCase c;

  return ud_room_case_from_record (room, &c) &&
         ud_room_check (standards, &c, TRUE, verdict, NULL);
}

static void
add_issue (const UdRecord *record,
           GPtrArray      *issues,
           const char     *field,
           const char     *code,
           char           *message)
{
  g_ptr_array_add (issues, ud_issue_new (ud_kind_find_field (record->kind, field), code, FALSE, "%s", message));
  g_free (message);
}

/* A plaque has its number and date, and a room not up to standard is
 * plaqued only with the reason why. */
static void
room_validate (UdRecord  *record,
               GPtrArray *issues,
               gboolean   fields_ok)
{
  g_auto(UdRoomVerdict) verdict = { 0, };
  const char *level = ud_record_get (record, "level");
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GError) error = NULL;

  /* The photos' names are files in the room's folder: only names of
   * the hash form, typed or come from elsewhere. */
  if ((photos = ud_room_photos_parse (ud_record_get (record, "photos"), &error)) == NULL)
    add_issue (record, issues, "photos", "invalid",
               /* TRANSLATORS: a field label, then what is wrong with it */
               g_strdup_printf (_("%s: %s."), ud_kind_get_field_label (record->kind, "photos"), error->message));

  if (!fields_ok || !ud_room_level_has_plaque (level))
    return;

  if (*ud_record_get (record, "plaque_number") == '\0')
    add_issue (record, issues, "plaque_number", "required",
               /* TRANSLATORS: a field label */
               g_strdup_printf (_("%s: a room with a plaque has its plaque number"),
                                ud_kind_get_field_label (record->kind, "plaque_number")));
  if (*ud_record_get (record, "plaque_date") == '\0')
    add_issue (record, issues, "plaque_date", "required",
               g_strdup_printf (_("%s: a room with a plaque has the date it was plaqued"),
                                ud_kind_get_field_label (record->kind, "plaque_date")));

  if (ud_room_judge (record, &verdict) && !verdict.compliant &&
      ud_text_is_blank (ud_record_get (record, "override_reason")))
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < verdict.failed->len; i++)
        {
          if (i > 0)
            /* TRANSLATORS: between the items of a list */
            g_string_append (names, _(", "));
          g_string_append (names, ud_field_choice_label (ud_kind_find_field (record->kind, "failed_requirements"),
                                                         g_ptr_array_index (verdict.failed, i)));
        }
      add_issue (record, issues, "override_reason", "required",
                 /* TRANSLATORS: a field label, then the requirements not met */
                 g_strdup_printf (_("%s: the room is not up to standard (%s); give the reason for its plaque"),
                                  ud_kind_get_field_label (record->kind, "override_reason"), names->str));
    }
}

/* Compliance follows from the fields, on every write, typed or pulled. */
static void
room_derive (UdRecord *record)
{
  g_auto(UdRoomVerdict) verdict = { 0, };
  g_autoptr(GString) failed = g_string_new (NULL);

  if (!ud_room_judge (record, &verdict))
    {
      ud_record_set (record, "compliant", "no");
      ud_record_set (record, "failed_requirements", "");
      ud_record_set (record, "standards_version", "");
      return;
    }

  for (guint i = 0; i < verdict.failed->len; i++)
    {
      if (i > 0)
        g_string_append_c (failed, ',');
      g_string_append (failed, g_ptr_array_index (verdict.failed, i));
    }
  ud_record_set (record, "compliant", verdict.compliant ? "yes" : "no");
  ud_record_set (record, "failed_requirements", failed->str);
  ud_record_set (record, "standards_version", verdict.standards_version);
}

static const UdKindHooks room_hooks = {
  .validate = room_validate,
  .derive = room_derive,
};

const UdKind ud_kind_room = {
  .name = "room",
  .table = "room",
  .label = N_("Mother-and-baby room"),
  .fields = room_fields,
  .n_fields = G_N_ELEMENTS (room_fields),
  /* The register offices keep in Excel. */
  .flags = UD_KIND_ROSTER,
  .natural_keys = UD_STRV ("plaque_number", "name"),
  .title_fields = UD_STRV ("name"),
  .sort_field = "name",
  .view_permission = UD_PERMISSION_VIEW_MEMBERS,
  .edit_permission = UD_PERMISSION_EDIT_MEMBERS,
  .delete_permission = UD_PERMISSION_DELETE_MEMBERS,
  .import_permission = UD_PERMISSION_IMPORT_MEMBERS,
  .export_permission = UD_PERMISSION_EXPORT_MEMBERS,
  .hooks = &room_hooks,
};

/* ---- inspections ------------------------------------------------------- */

static const UdReference room_reference = {
  .kind = "room",
  .style = UD_REFERENCE_UUID,
};

static const UdChoice result_choices[] = {
  { "passed",  N_("Passed"),                 "合格",     ALIASES ("通过", "达标") },
  { "rectify", N_("To be put right"),        "限期整改", ALIASES ("整改") },
  { "failed",  N_("Failed"),                 "不合格",   ALIASES ("未通过") },
};

static const UdField inspection_fields[] = {
  { "room_uuid", UD_FIELD_REFERENCE, N_("Room"), "母婴关爱室", ALIASES ("room_uuid"),
    UD_FIELD_REQUIRED | UD_FIELD_SYNCED | UD_FIELD_PARENT | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, NULL, 0, 36, 36, NULL, NULL, &room_reference },
  { "inspected_on", UD_FIELD_DATE, N_("Inspected on"), "检查日期", ALIASES ("inspected_on", "date"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SORTABLE | UD_FIELD_NOT_FUTURE,
    UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "inspector", UD_FIELD_TEXT, N_("Inspector"), "检查人", ALIASES ("inspector"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_LIST, UD_SENSITIVITY_NONE, NULL, 0, 40, 8 },
  { "findings", UD_FIELD_CHOICE, N_("Requirements found not met"), "检查发现未达标项", ALIASES ("findings"),
    UD_FIELD_SYNCED | UD_FIELD_SET | UD_FIELD_MULTILINE,
    UD_SENSITIVITY_NONE, failure_choices, G_N_ELEMENTS (failure_choices), 0, 16 },
  { "result", UD_FIELD_CHOICE, N_("Result"), "检查结论", ALIASES ("result"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_LIST,
    UD_SENSITIVITY_NONE, result_choices, G_N_ELEMENTS (result_choices), 0, 8 },
  { "notes", UD_FIELD_TEXT, N_("Notes"), "备注", ALIASES ("notes"),
    UD_FIELD_SYNCED | UD_FIELD_MULTILINE, UD_SENSITIVITY_NONE, NULL, 0, 1000, 24 },
  { "next_due", UD_FIELD_DATE, N_("Next inspection due"), "下次检查", ALIASES ("next_due"),
    UD_FIELD_SYNCED | UD_FIELD_DERIVED | UD_FIELD_LIST, UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
};

/* A room that passed meets every requirement. */
static void
inspection_validate (UdRecord  *record,
                     GPtrArray *issues,
                     gboolean   fields_ok)
{
  if (fields_ok && g_str_equal (ud_record_get (record, "result"), "passed") &&
      *ud_record_get (record, "findings") != '\0')
    add_issue (record, issues, "result", "contradicts_findings",
               /* TRANSLATORS: a field label, then another */
               g_strdup_printf (_("%s: a room with requirements not met has not passed; clear “%s” or choose another result"),
                                ud_kind_get_field_label (record->kind, "result"),
                                ud_kind_get_field_label (record->kind, "findings")));
}

/* The next inspection is due 12 months after this one. */
static void
inspection_derive (UdRecord *record)
{
  GDate date;

  if (ud_date_parse (ud_record_get (record, "inspected_on"), &date, NULL))
    {
      g_autofree char *iso = NULL;

      g_date_add_months (&date, UD_ROOM_INSPECTION_MONTHS);
      iso = ud_date_to_iso (&date);
      ud_record_set (record, "next_due", iso);
    }
  else
    ud_record_set (record, "next_due", "");
}

static const UdKindHooks inspection_hooks = {
  .validate = inspection_validate,
  .derive = inspection_derive,
};

const UdKind ud_kind_room_inspection = {
  .name = "room_inspection",
  .table = "room_inspection",
  .label = N_("Inspection of a mother-and-baby room"),
  .fields = inspection_fields,
  .n_fields = G_N_ELEMENTS (inspection_fields),
  .title_fields = UD_STRV ("inspected_on", "inspector"),
  .sort_field = "inspected_on",
  .view_permission = UD_PERMISSION_VIEW_MEMBERS,
  .edit_permission = UD_PERMISSION_EDIT_MEMBERS,
  .delete_permission = UD_PERMISSION_DELETE_MEMBERS,
  .hooks = &inspection_hooks,
};

/* ---- consumables delivered --------------------------------------------- */

static const UdField delivery_fields[] = {
  { "room_uuid", UD_FIELD_REFERENCE, N_("Room"), "母婴关爱室", ALIASES ("room_uuid"),
    UD_FIELD_REQUIRED | UD_FIELD_SYNCED | UD_FIELD_PARENT | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, NULL, 0, 36, 36, NULL, NULL, &room_reference },
  { "delivered_on", UD_FIELD_DATE, N_("Delivered on"), "配送日期", ALIASES ("delivered_on", "date"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SORTABLE | UD_FIELD_NOT_FUTURE,
    UD_SENSITIVITY_NONE, NULL, 0, 10, 10 },
  { "storage_bags", UD_FIELD_INT, N_("Breast-milk storage bags"), "储奶袋", ALIASES ("storage_bags"),
    UD_FIELD_SYNCED | UD_FIELD_LIST, UD_SENSITIVITY_NONE, NULL, 0, 4, 6, "0" },
  { "detergent", UD_FIELD_INT, N_("Bottles of detergent"), "清洗剂", ALIASES ("detergent"),
    UD_FIELD_SYNCED | UD_FIELD_LIST, UD_SENSITIVITY_NONE, NULL, 0, 4, 6, "0" },
  { "nursing_pads", UD_FIELD_INT, N_("Nursing pads"), "防溢乳垫", ALIASES ("nursing_pads"),
    UD_FIELD_SYNCED | UD_FIELD_LIST, UD_SENSITIVITY_NONE, NULL, 0, 4, 6, "0" },
  { "notes", UD_FIELD_TEXT, N_("Notes"), "备注", ALIASES ("notes"),
    UD_FIELD_SYNCED | UD_FIELD_MULTILINE, UD_SENSITIVITY_NONE, NULL, 0, 500, 16 },
};

static void
delivery_validate (UdRecord  *record,
                   GPtrArray *issues,
                   gboolean   fields_ok)
{
  if (fields_ok && ud_record_get_int (record, "storage_bags") == 0 &&
      ud_record_get_int (record, "detergent") == 0 && ud_record_get_int (record, "nursing_pads") == 0)
    add_issue (record, issues, "storage_bags", "empty",
               /* TRANSLATORS: three field labels */
               g_strdup_printf (_("%s, %s, %s: a delivery brings something"),
                                ud_kind_get_field_label (record->kind, "storage_bags"),
                                ud_kind_get_field_label (record->kind, "detergent"),
                                ud_kind_get_field_label (record->kind, "nursing_pads")));
}

static const UdKindHooks delivery_hooks = {
  .validate = delivery_validate,
};

const UdKind ud_kind_room_delivery = {
  .name = "room_delivery",
  .table = "room_delivery",
  .label = N_("Consumables delivered to a mother-and-baby room"),
  .fields = delivery_fields,
  .n_fields = G_N_ELEMENTS (delivery_fields),
  .title_fields = UD_STRV ("delivered_on"),
  .sort_field = "delivered_on",
  .view_permission = UD_PERMISSION_VIEW_MEMBERS,
  .edit_permission = UD_PERMISSION_EDIT_MEMBERS,
  .delete_permission = UD_PERMISSION_DELETE_MEMBERS,
  .hooks = &delivery_hooks,
};

/* ---- use per month ------------------------------------------------------ */

static const UdField use_fields[] = {
  { "room_uuid", UD_FIELD_REFERENCE, N_("Room"), "母婴关爱室", ALIASES ("room_uuid"),
    UD_FIELD_REQUIRED | UD_FIELD_SYNCED | UD_FIELD_PARENT | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, NULL, 0, 36, 36, NULL, NULL, &room_reference },
  { "month", UD_FIELD_TEXT, N_("Month"), "月份", ALIASES ("month"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_LIST | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_NONE, NULL, 0, 7, 8 },
  { "visits", UD_FIELD_INT, N_("Visits"), "使用人次", ALIASES ("visits"),
    UD_FIELD_SYNCED | UD_FIELD_REQUIRED | UD_FIELD_LIST, UD_SENSITIVITY_NONE, NULL, 0, 4, 6 },
  /* One line a room and month: the room's uuid and the month. */
  { "month_key", UD_FIELD_TEXT, N_("Room and month"), "室月", ALIASES ("month_key"),
    UD_FIELD_SYNCED | UD_FIELD_DERIVED, UD_SENSITIVITY_NONE, NULL, 0, 44, 12 },
};

/* The month is YYYY-MM, and not ahead. */
static void
use_validate (UdRecord  *record,
              GPtrArray *issues,
              gboolean   fields_ok)
{
  const char *month = ud_record_get (record, "month");
  g_autofree char *first = g_strdup_printf ("%s-01", month);
  GDate date, today;

  if (!fields_ok || *month == '\0')
    return;
  if (strlen (month) != 7 || month[4] != '-' || !ud_date_parse (first, &date, NULL))
    {
      add_issue (record, issues, "month", "invalid_format",
                 /* TRANSLATORS: a field label */
                 g_strdup_printf (_("%s: must be a month such as 2024-09"),
                                  ud_kind_get_field_label (record->kind, "month")));
      return;
    }
  ud_date_today (&today);
  g_date_set_day (&today, 1);
  if (g_date_compare (&date, &today) > 0)
    add_issue (record, issues, "month", "future",
               g_strdup_printf (_("%s: the month has not begun yet"),
                                ud_kind_get_field_label (record->kind, "month")));
}

static void
use_derive (UdRecord *record)
{
  g_autofree char *key = g_strdup_printf ("%s/%s", ud_record_get (record, "room_uuid"),
                                          ud_record_get (record, "month"));

  ud_record_set (record, "month_key", key);
}

static const UdKindHooks use_hooks = {
  .validate = use_validate,
  .derive = use_derive,
};

const UdKind ud_kind_room_use = {
  .name = "room_use",
  .table = "room_use",
  .label = N_("Use of a mother-and-baby room in a month"),
  .fields = use_fields,
  .n_fields = G_N_ELEMENTS (use_fields),
  .natural_keys = UD_STRV ("month_key"),
  .title_fields = UD_STRV ("month"),
  .sort_field = "month",
  .view_permission = UD_PERMISSION_VIEW_MEMBERS,
  .edit_permission = UD_PERMISSION_EDIT_MEMBERS,
  .delete_permission = UD_PERMISSION_DELETE_MEMBERS,
  .hooks = &use_hooks,
};
