/* test-kind.c — the kinds' descriptions and their registry
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ud-core.h"
#include "ud-illness-kind.h"
#include "ud-member-kind.h"
#include "ud-unit-kind.h"

static void
test_registry (void)
{
  const UdKind * const *kinds;
  guint n = 0;
  guint again = 0;
  int unit_at = -1, member_at = -1, application_at = -1;

  kinds = ud_kind_list (&n);
  g_assert_cmpuint (n, >=, 4);
  g_assert_null (kinds[n]);
  for (guint i = 0; i < n; i++)
    {
      if (kinds[i] == &ud_kind_unit)
        unit_at = (int) i;
      else if (kinds[i] == &ud_kind_member)
        member_at = (int) i;
      else if (kinds[i] == &ud_kind_illness_application)
        application_at = (int) i;
    }
  /* The push order: what is referred to comes first. */
  g_assert_cmpint (unit_at, >=, 0);
  g_assert_cmpint (unit_at, <, member_at);
  g_assert_cmpint (member_at, <, application_at);

  g_assert_true (ud_kind_lookup ("member") == &ud_kind_member);
  g_assert_true (ud_kind_lookup ("unit") == &ud_kind_unit);
  g_assert_null (ud_kind_lookup ("no_such_kind"));
  /* Issue 9: an archive after the member it names, a payment after the
   * archive it pays, the trail after them all. */
  g_assert_nonnull (ud_kind_lookup ("hardship_archive"));
  g_assert_nonnull (ud_kind_lookup ("aid_payment"));
  for (guint i = 0; i < n; i++)
    if (kinds[i] == ud_kind_lookup ("hardship_archive"))
      g_assert_cmpint (member_at, <, (int) i);
  g_assert_null (ud_kind_lookup (NULL));

  /* Calling it again registers nothing twice. */
  ud_core_init ();
  ud_kind_list (&again);
  g_assert_cmpuint (again, ==, n);
}

static void
test_references (void)
{
  const UdField *unit = ud_kind_find_field (&ud_kind_member, "unit");
  const UdField *member = ud_kind_find_reference_to (&ud_kind_illness_application, &ud_kind_member);

  g_assert_cmpint (unit->type, ==, UD_FIELD_REFERENCE);
  g_assert_cmpstr (unit->reference->kind, ==, "unit");
  g_assert_cmpint (unit->reference->style, ==, UD_REFERENCE_KEY);
  g_assert_cmpstr (ud_field_get_column (unit), ==, "unit_id");
  g_assert_true (ud_field_is_integer_column (unit));
  g_assert_true (ud_kind_find_reference_to (&ud_kind_member, &ud_kind_unit) == unit);

  g_assert_nonnull (member);
  g_assert_cmpstr (member->name, ==, "member_uuid");
  g_assert_cmpint (member->reference->style, ==, UD_REFERENCE_UUID);
  g_assert_null (ud_kind_find_reference_to (&ud_kind_unit, &ud_kind_member));
}

static void
test_stored_values (void)
{
  const UdField *total = ud_kind_find_field (&ud_kind_illness_application, "total");
  const UdField *year = ud_kind_find_field (&ud_kind_member, "model_worker_year");
  const UdField *member = ud_kind_find_field (&ud_kind_illness_application, "member_uuid");
  g_autoptr(GPtrArray) issues = ud_issue_list_new ();
  g_autofree char *fen = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *negative = NULL;
  g_autofree char *not_uuid = NULL;

  g_assert_true (ud_field_is_number (total));
  /* The title year is a number kept in a text column. */
  g_assert_false (ud_field_is_number (year));

  /* A record holds fen: checking it does not read yuan again. */
  fen = ud_field_check_stored (total, "15630000", issues);
  g_assert_cmpstr (fen, ==, "15630000");
  bad = ud_field_check_stored (total, "156,300.00", issues);
  g_assert_null (bad);
  negative = ud_field_check_stored (total, "-1", issues);
  g_assert_null (negative);
  g_assert_cmpuint (issues->len, ==, 2);
  g_assert_cmpstr (((UdIssue *) g_ptr_array_index (issues, 0))->code, ==, "invalid_format");
  g_assert_cmpstr (((UdIssue *) g_ptr_array_index (issues, 1))->code, ==, "negative");
  g_assert_true (ud_issue_list_first_error (issues, 1) == g_ptr_array_index (issues, 1));

  not_uuid = ud_field_normalize (member, "朱明敏", issues);
  g_assert_null (not_uuid);
  g_assert_cmpuint (issues->len, ==, 3);
}

/* A set of choices (the documents received): written any way a person
 * writes a list, stored as the choices' values in their order, each
 * once; shown as their labels. */
static void
test_choice_set (void)
{
  const UdField *documents = ud_kind_find_field (&ud_kind_illness_application, "documents");
  const UdField *failed = ud_kind_find_field (&ud_kind_illness_application, "failed_rules");
  g_autoptr(GPtrArray) issues = ud_issue_list_new ();
  g_autofree char *stored = NULL;
  g_autofree char *again = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *unknown = NULL;
  g_autofree char *rules = NULL;
  g_autofree char *empty = NULL;

  g_assert_cmpint (documents->type, ==, UD_FIELD_CHOICE);
  g_assert_true (documents->flags & UD_FIELD_SET);

  stored = ud_field_normalize (documents, "invoices, 身份证复印件；Bank card\nid_copy、invoices", issues);
  g_assert_cmpstr (stored, ==, "id_copy,bank_card,invoices");
  again = ud_field_check_stored (documents, stored, issues);
  g_assert_cmpstr (again, ==, stored);
  g_assert_cmpuint (issues->len, ==, 0);
  shown = ud_field_display (documents, stored, FALSE);
  g_assert_cmpstr (shown, ==, "Copy of the ID card, Bank card, Invoices and insurance settlement sheets");

  empty = ud_field_normalize (documents, " , ", issues);
  g_assert_cmpstr (empty, ==, "");

  unknown = ud_field_normalize (documents, "id_copy,passport", issues);
  g_assert_null (unknown);
  g_assert_cmpuint (issues->len, ==, 1);
  g_assert_cmpstr (((UdIssue *) g_ptr_array_index (issues, 0))->code, ==, "unknown_choice");
  g_assert_true (g_str_has_prefix (((UdIssue *) g_ptr_array_index (issues, 0))->message,
                                   "Documents received: “passport” is not one of 身份证复印件, "));

  /* The rules an application fails read as what they are, not codes. */
  rules = ud_field_display (failed, "disease_not_listed,self_paid_below_threshold", FALSE);
  g_assert_cmpstr (rules, ==, "Disease not in the catalogue, Self-paid cost below the threshold");
}

/* ud_field_value_is_normal() (a record check keeps such a value instead
 * of a copy) holds only where ud_field_check_stored() gives the value
 * back unchanged and without an issue; and a cell read where it is gives
 * what the copy gave: spaces collapsed, blanks of every kind dropped. */
static void
test_normal_fast_path (void)
{
  const char *inputs[] = {
    "王小明", "Wang Xiaoming", "Wang  Xiaoming", " 王小明", "王小明 ", "王\u3000小明", "王\u00a0小明",
    "王\u200b小明", "\ufeff王小明", "a\tb", "a\vb", "a\x01b", "a\x7f" "b", "a\nb", "a\rb", "\xff\xfe",
    "\xe7\x8e", "M", "F", "男", "女", "male", "in_service", "在职", "retired", "退休", "其他", "other",
    "national_model", "2020-01-02", "2020-1-2", "13800138000", "11010519491231002X", "12345",
    "0123456789abcdef0123456789abcdef", "019a3b1c-2d4e-7f80-9123-456789abcdef", "x", "",
  };
  guint n_kinds = 0;
  const UdKind * const *kinds = ud_kind_list (&n_kinds);
  guint normal = 0;

  for (guint k = 0; k < n_kinds; k++)
    for (guint f = 0; f < kinds[k]->n_fields; f++)
      {
        const UdField *field = &kinds[k]->fields[f];
        g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func (g_free);

        if (field->max_length > 0)
          {
            g_ptr_array_add (extra, g_strnfill (field->max_length, 'x'));
            g_ptr_array_add (extra, g_strnfill (field->max_length + 1, 'x'));
            {
              GString *cjk = g_string_new (NULL);

              for (guint i = 0; i < field->max_length; i++)
                g_string_append (cjk, "王");
              g_ptr_array_add (extra, g_strdup (cjk->str));
              g_string_append (cjk, "王");
              g_ptr_array_add (extra, g_string_free (cjk, FALSE));
            }
          }
        for (guint c = 0; c < field->n_choices; c++)
          {
            g_ptr_array_add (extra, g_strdup (field->choices[c].value));
            g_ptr_array_add (extra, g_strdup (field->choices[c].csv));
          }

        for (guint i = 0; i < G_N_ELEMENTS (inputs) + extra->len; i++)
          {
            const char *value = i < G_N_ELEMENTS (inputs) ? inputs[i]
                                                          : g_ptr_array_index (extra, i - G_N_ELEMENTS (inputs));
            g_autoptr(GPtrArray) issues = ud_issue_list_new ();
            g_autofree char *made = NULL;

            if (!ud_field_value_is_normal (field, value))
              continue;
            normal++;
            made = ud_field_check_stored (field, value, issues);
            g_assert_cmpstr (made, ==, value);
            g_assert_cmpuint (issues->len, ==, 0);
          }
      }
  /* Names, units, choices' values: the fast path is taken. */
  g_assert_cmpuint (normal, >, 50);

  {
    const UdField *name = ud_kind_find_field (&ud_kind_member, "name");
    const UdField *sex = ud_kind_find_field (&ud_kind_member, "sex");
    const struct { const char *in, *out; } texts[] = {
      { "王小明", "王小明" }, { " 王  小明 ", "王 小明" }, { "王\u3000小明", "王 小明" },
      { "王\u200b小明", "王 小明" }, { "\ufeff王小明", "王小明" }, { "a\tb", "a b" }, { "a\vb", "a\vb" }, { "\xff", "" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        g_autofree char *made = ud_field_normalize (name, texts[i].in, NULL);

        g_assert_cmpstr (made, ==, texts[i].out);
      }
    g_assert_false (ud_field_value_is_normal (sex, "男"));
    g_assert_true (ud_field_value_is_normal (sex, "M"));
    g_assert_false (ud_field_value_is_normal (name, ""));
    g_assert_false (ud_field_value_is_normal (name, "王  小明"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  ud_core_init ();

  g_test_add_func ("/kind/registry", test_registry);
  g_test_add_func ("/kind/references", test_references);
  g_test_add_func ("/kind/stored-values", test_stored_values);
  g_test_add_func ("/kind/choice-set", test_choice_set);
  g_test_add_func ("/kind/normal-fast-path", test_normal_fast_path);

  return g_test_run ();
}
