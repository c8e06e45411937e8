/* ud-unit-kind.c — what a grassroots union is: the unit kind
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-unit-kind"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-unit-kind.h"

#define ALIASES(...) UD_STRV (__VA_ARGS__)

static const UdChoice unit_type_choices[] = {
  { "enterprise",  N_("Enterprise"),             "企业",       ALIASES ("公司") },
  { "institution", N_("Public institution"),     "事业单位",   NULL },
  { "government",  N_("Government agency"),      "机关",       ALIASES ("机关单位") },
  { "social",      N_("Social organisation"),    "社会组织",   NULL },
  { "joint",       N_("Joint grassroots union"), "联合基层工会", ALIASES ("联合工会") },
  { "other",       N_("Other"),                  "其他",       NULL },
};

static const UdField unit_fields[] = {
  { "name", UD_FIELD_TEXT, N_("Unit name"), "单位名称", ALIASES ("name", "名称", "工会名称"),
    UD_FIELD_REQUIRED | UD_FIELD_SYNCED | UD_FIELD_SEARCH | UD_FIELD_LIST | UD_FIELD_CSV | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_NONE, NULL, 0, 100, 20 },
  { "credit_code", UD_FIELD_CREDIT_CODE, N_("Unified social credit code"), "统一社会信用代码", ALIASES ("credit_code", "信用代码"),
    UD_FIELD_SYNCED | UD_FIELD_SEARCH | UD_FIELD_LIST | UD_FIELD_CSV,
    UD_SENSITIVITY_NONE, NULL, 0, 18, 18 },
  { "street", UD_FIELD_TEXT, N_("Street or township"), "街乡", ALIASES ("street", "街道", "乡镇", "所属街乡", "所属街道", "所在街道"),
    UD_FIELD_SYNCED | UD_FIELD_SEARCH | UD_FIELD_LIST | UD_FIELD_CSV | UD_FIELD_SORTABLE,
    UD_SENSITIVITY_NONE, NULL, 0, 40, 10 },
  { "unit_type", UD_FIELD_CHOICE, N_("Unit type"), "单位类型", ALIASES ("unit_type", "类型"),
    UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_CSV | UD_FIELD_SORTABLE | UD_FIELD_FILTER,
    UD_SENSITIVITY_NONE, unit_type_choices, G_N_ELEMENTS (unit_type_choices), 0, 10 },
  { "contact", UD_FIELD_TEXT, N_("Contact person"), "联系人", ALIASES ("contact"),
    UD_FIELD_SYNCED | UD_FIELD_SEARCH | UD_FIELD_LIST | UD_FIELD_CSV,
    UD_SENSITIVITY_PERSONAL, NULL, 0, 40, 8 },
  { "phone", UD_FIELD_PHONE, N_("Contact phone"), "联系电话", ALIASES ("phone", "电话"),
    UD_FIELD_SYNCED | UD_FIELD_LIST | UD_FIELD_CSV,
    UD_SENSITIVITY_IDENTIFIER, NULL, 0, 11, 11 },
};

const UdKind ud_kind_unit = {
  .name = "unit",
  .table = "unit",
  .label = N_("Unit"),
  .fields = unit_fields,
  .n_fields = G_N_ELEMENTS (unit_fields),
  .natural_keys = UD_STRV ("credit_code", "name"),
  .title_fields = UD_STRV ("name"),
  .sort_field = "name",
  .view_permission = UD_PERMISSION_VIEW_MEMBERS,
  .edit_permission = UD_PERMISSION_EDIT_MEMBERS,
  .delete_permission = UD_PERMISSION_DELETE_MEMBERS,
  .flags = UD_KIND_ROSTER,
  .import_permission = UD_PERMISSION_IMPORT_MEMBERS,
  .export_permission = UD_PERMISSION_EXPORT_MEMBERS,
};
