/* test-hardship-print.c — the hardship papers read back with Poppler
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-hardship-print"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "ud-account.h"
#include "ud-aid-kind.h"
#include "ud-aid-store.h"
#include "ud-core.h"
#include "ud-database.h"
#include "ud-hardship-kind.h"
#include "ud-hardship-print.h"
#include "ud-hardship-store.h"
#include "ud-idcard.h"
#include "ud-member-kind.h"
#include "ud-money.h"
#include "ud-record-store.h"
#include "ud-test-pdf.h"
#include "ud-workflow.h"

typedef struct
{
  UdDatabase *db;
  char       *dir;
  UdSession  *clerk;
} Office;

static void
office_set_up (Office        *office,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  office->dir = g_dir_make_tmp ("ud-hardship-print-XXXXXX", NULL);
  path = g_build_filename (office->dir, "office.db", NULL);
  office->db = ud_database_open (path, &error);
  g_assert_no_error (error);
  ud_account_initialize_office (office->db, "110118", "密云区总工会", "admin", "王主任", "office-admin-1", &error);
  g_assert_no_error (error);
  ud_account_create (office->db, "li", "李明", UD_ROLE_CLERK, "password-of-staff", &error);
  g_assert_no_error (error);
  ud_database_set_sign_in_required (office->db, TRUE);
  office->clerk = ud_account_authenticate (office->db, "li", "password-of-staff", &error);
  g_assert_no_error (error);
  ud_database_set_session (office->db, office->clerk);
}

static void
office_tear_down (Office        *office,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (office->dir, "office.db", NULL);
  g_autofree char *lock = g_strconcat (path, ".lock", NULL);

  g_clear_object (&office->db);
  g_clear_pointer (&office->clerk, ud_session_unref);
  g_unlink (path);
  g_unlink (lock);
  g_rmdir (office->dir);
  g_free (office->dir);
}

/* A valid ID number for person @i: born 1980-01-01 in Miyun. */
static char *
id_number (guint i)
{
  g_autofree char *first17 = g_strdup_printf ("11011819800101%03u", i % 1000);

  return g_strdup_printf ("%s%c", first17, ud_idcard_check_char (first17));
}

static UdRecord *
add_member (Office     *office,
            const char *name,
            const char *id)
{
  g_autoptr(GError) error = NULL;
  UdRecord *member = ud_record_new (&ud_kind_member);

  ud_record_set (member, "name", name);
  ud_record_set (member, "id_number", id);
  ud_record_set (member, "unit", "北京密云建材有限公司");
  g_assert_true (ud_record_store_save (office->db, member, NULL, &error));
  g_assert_no_error (error);
  return member;
}

/* The amount after "￥" at @p, in fen. */
static UdFen
amount_at (const char *p)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  UdFen fen = -1;

  for (p += strlen ("￥"); g_ascii_isdigit (*p) || *p == ',' || *p == '.'; p++)
    g_string_append_c (digits, *p);
  g_assert_true (ud_money_parse (digits->str, &fen, NULL));
  return fen;
}

/* A batch of 300 households: a multi-page receipt list whose page
 * subtotals add up to the total printed in figures and capitals, the
 * head of the table on every page, each line once. */
static void
test_receipt_list_300 (Office        *office,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdRecord) programme = NULL;
  g_autoptr(UdRecord) batch = NULL;
  g_autoptr(GPtrArray) payments = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);
  g_autoptr(UdDocument) document = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(PopplerDocument) poppler = NULL;
  g_autofree char *capitals = NULL;
  UdFen expected = 0, subtotals = 0, printed_total = -1;
  guint lines_seen = 0;
  int n_pages;

  programme = ud_aid_programme_find (office->db, "temporary", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *id = id_number (i);
      g_autofree char *name = g_strdup_printf ("职工%03u", i + 1);
      g_autoptr(UdRecord) member = add_member (office, name, id);
      /* Amounts that differ, with fen, up to the programme's 5,000.00. */
      UdFen amount = 50000 + (UdFen) i * 1234 + i % 7;

      expected += amount;
      g_ptr_array_add (payments, ud_aid_payment_new (ud_kind_member.name, member->uuid, name, id, NULL, "other", amount));
    }
  batch = ud_aid_batch_new (programme, 2024, "2024年临时救助", "hand", NULL);
  g_assert_true (ud_aid_batch_create (office->db, batch, payments, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ud_record_get_int (batch, "total"), ==, expected);
  g_assert_cmpint (ud_record_get_int (batch, "recipients"), ==, 300);

  document = ud_aid_receipt_list_build (office->db, batch, &error);
  g_assert_no_error (error);
  pdf = ud_document_to_pdf (document, &error);
  g_assert_no_error (error);
  poppler = test_pdf_open (pdf);
  n_pages = poppler_document_get_n_pages (poppler);
  g_assert_cmpint (n_pages, >, 5);
  g_test_message ("300 lines on %d pages, %" G_GSIZE_FORMAT " bytes", n_pages, g_bytes_get_size (pdf));

  for (int p = 0; p < n_pages; p++)
    {
      g_autofree char *text = test_pdf_page_text (poppler, p);
      const char *at = strstr (text, "本页小计（");
      const char *total;
      guint n = 0;

      /* The title and the head of the table on every page. */
      g_assert_nonnull (strstr (text, "帮扶资金发放签收表"));
      g_assert_nonnull (strstr (text, "序号"));
      g_assert_nonnull (strstr (text, "身份证号"));
      g_assert_nonnull (strstr (text, "本人签名"));
      g_assert_nonnull (at);
      n = (guint) g_ascii_strtoull (at + strlen ("本页小计（"), NULL, 10);
      g_assert_cmpuint (n, >, 0);
      lines_seen += n;
      subtotals += amount_at (strstr (at, "￥"));
      g_assert_null (strstr (at + 1, "本页小计（"));

      total = strstr (text, "合计（300人）");
      if (p < n_pages - 1)
        g_assert_null (total);
      else
        {
          g_assert_nonnull (total);
          printed_total = amount_at (strstr (total, "￥"));
          capitals = ud_money_capitals (expected);
          g_assert_nonnull (strstr (total, capitals));
        }
    }

  g_assert_cmpuint (lines_seen, ==, 300);
  g_assert_cmpint (subtotals, ==, expected);
  g_assert_cmpint (printed_total, ==, expected);
}

/* The archive form of a household of three fits one A4 page; a household
 * of twenty continues on a second page with the table's head repeated. */
static void
test_archive_form (Office        *office,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = id_number (1);
  g_autoptr(UdRecord) member = add_member (office, "王建国", id);
  g_autoptr(UdRecord) archive = ud_hardship_archive_new (member);
  g_autoptr(GPtrArray) household = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_record_unref);
  g_autoptr(UdDocument) short_form = NULL;
  g_autoptr(UdDocument) long_form = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(PopplerDocument) poppler = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  ud_record_set (archive, "application_date", "2024-09-01");
  ud_record_set (archive, "household_size", "20");
  ud_record_set (archive, "income_wages", "4800000");
  ud_record_set (archive, "medical", "600000");
  ud_record_set (archive, "cause_main", "serious_illness");
  for (guint i = 0; i < 3; i++)
    {
      UdRecord *person = ud_record_new (&ud_kind_hardship_household_member);

      ud_record_set (person, "name", i == 0 ? "王建国" : "家属");
      ud_record_set (person, "relation", i == 0 ? "self" : "other");
      g_ptr_array_add (household, person);
    }
  g_assert_true (ud_hardship_archive_save (office->db, archive, household, NULL, &error));
  g_assert_no_error (error);

  short_form = ud_hardship_archive_form_build (office->db, archive, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ud_document_get_n_pages (short_form), ==, 1);
  pdf = ud_document_to_pdf (short_form, &error);
  poppler = test_pdf_open (pdf);
  first = test_pdf_page_text (poppler, 0);
  g_assert_nonnull (strstr (first, "困难职工建档审批表"));
  g_assert_nonnull (strstr (first, "家庭成员情况"));
  g_assert_nonnull (strstr (first, "深度困难"));
  g_assert_nonnull (strstr (first, "区总工会审批意见"));
  g_clear_pointer (&first, g_free);
  g_clear_object (&poppler);
  g_clear_pointer (&pdf, g_bytes_unref);

  for (guint i = 3; i < 20; i++)
    {
      UdRecord *person = ud_record_new (&ud_kind_hardship_household_member);

      ud_record_set (person, "name", "家属");
      ud_record_set (person, "relation", "other");
      g_ptr_array_add (household, person);
    }
  g_assert_true (ud_hardship_archive_save (office->db, archive, household, NULL, &error));
  g_assert_no_error (error);
  long_form = ud_hardship_archive_form_build (office->db, archive, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ud_document_get_n_pages (long_form), >=, 2);
  pdf = ud_document_to_pdf (long_form, &error);
  poppler = test_pdf_open (pdf);
  second = test_pdf_page_text (poppler, 1);
  g_assert_nonnull (strstr (second, "困难职工建档审批表"));
}

/* The notice list masks every ID number and names the period and the
 * office to object to. */
static void
test_notice_list (Office        *office,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = id_number (2);
  g_autoptr(UdRecord) member = add_member (office, "李秀兰", id);
  g_autoptr(UdRecord) archive = ud_hardship_archive_new (member);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(UdDocument) document = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(PopplerDocument) poppler = NULL;
  g_autofree char *text = NULL;
  g_autofree char *masked = ud_idcard_mask (id);

  ud_record_set (archive, "application_date", "2024-09-01");
  ud_record_set (archive, "household_size", "1");
  ud_record_set (archive, "income_wages", "1200000");
  ud_record_set (archive, "cause_main", "laid_off");
  g_assert_true (ud_hardship_archive_save (office->db, archive, NULL, NULL, &error));
  g_assert_no_error (error);
  /* In notice, as the workflow leaves it. */
  g_assert_true (ud_database_exec (office->db, "UPDATE hardship_archive SET status = 'noticed', notice_from = '2024-09-16', notice_to = '2024-09-20'", &error));

  document = ud_hardship_notice_list_build (office->db, NULL, "赵干事 010-69041234", &listed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  pdf = ud_document_to_pdf (document, &error);
  poppler = test_pdf_open (pdf);
  text = test_pdf_page_text (poppler, 0);
  g_assert_nonnull (strstr (text, "公示期：2024-09-16至2024-09-20"));
  g_assert_nonnull (strstr (text, masked));
  g_assert_null (strstr (text, id));
  g_assert_nonnull (strstr (text, "赵干事010-69041234"));
  g_assert_nonnull (strstr (text, "密云区总工会"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ud_core_init ();

  g_test_add ("/hardship-print/receipt-list-300", Office, NULL, office_set_up, test_receipt_list_300, office_tear_down);
  g_test_add ("/hardship-print/archive-form", Office, NULL, office_set_up, test_archive_form, office_tear_down);
  g_test_add ("/hardship-print/notice-list", Office, NULL, office_set_up, test_notice_list, office_tear_down);

  return g_test_run ();
}
