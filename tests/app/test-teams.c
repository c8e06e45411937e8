/* test-teams.c — the Teams section (劳模扶贫队), pressed through as the clerk does
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ud-account.h"
#include "ud-member-kind.h"
#include "ud-print-preview-private.h"
#include "ud-record-section.h"
#include "ud-record-store.h"
#include "ud-team-kind.h"
#include "ud-team-store.h"
#include "ud-test-app.h"

#define TEAM "密云区劳模扶贫队"
#define NEW_TEAM "密云区劳模扶贫二队"

/* A team of two model workers from the roll with three households, an
 * activity and a project, as the command line's import leaves it. */
static void
prepare (UdDatabase *db,
         gpointer    data)
{
  const char *workers[][2] = {
    { "王建国", "110228196501101011" },
    { "李秀英", "110228196602111032" },
  };
  const char *households[][2] = {
    { "赵春生", "130824195001202015" },
    { "钱玉梅", "130824195102212036" },
    { "孙国庆", "130824195203222057" },
  };
  g_autoptr(UdRecord) team = ud_record_new (&ud_kind_team);
  g_autoptr(UdRecord) activity = ud_record_new (&ud_kind_team_activity);
  g_autoptr(UdRecord) project = ud_record_new (&ud_kind_team_project);
  g_autoptr(UdSession) clerk = NULL;
  g_autoptr(GError) error = NULL;

  clerk = ud_account_authenticate (db, "clerk", UD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  ud_database_set_session (db, clerk);

  ud_record_set (team, "name", TEAM);
  ud_record_set (team, "captain", "王建国");
  ud_record_set (team, "responsible_union", "密云区总工会");
  ud_record_set (team, "paired_locality", "河北省承德市滦平县");
  ud_record_set (team, "founded", "2023-05-01");
  g_assert_true (ud_team_save (db, team, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    {
      g_autoptr(UdRecord) member = ud_record_new (&ud_kind_member);
      g_autoptr(UdRecord) in_team = ud_record_new (&ud_kind_team_member);

      ud_record_set (member, "name", workers[i][0]);
      ud_record_set (member, "id_number", workers[i][1]);
      ud_record_set (member, "unit", "密云蜂业合作社");
      ud_record_set (member, "model_worker", "beijing_model");
      ud_record_store_save (db, member, NULL, &error);
      g_assert_no_error (error);

      ud_record_set (in_team, "team", TEAM);
      ud_record_set (in_team, "id_number", workers[i][1]);
      ud_record_set (in_team, "expertise", "养蜂");
      g_assert_true (ud_team_save (db, in_team, &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (households); i++)
    {
      g_autoptr(UdRecord) household = ud_record_new (&ud_kind_assisted_household);
      g_autofree char *number = g_strdup_printf ("1308242016%04u", i + 1);

      ud_record_set (household, "team", TEAM);
      ud_record_set (household, "head", households[i][0]);
      ud_record_set (household, "head_id_number", households[i][1]);
      ud_record_set (household, "village", "两间房村");
      ud_record_set (household, "size", "3");
      ud_record_set (household, "cause", "no_skills");
      ud_record_set (household, "registration_number", number);
      g_assert_true (ud_team_save (db, household, &error));
      g_assert_no_error (error);
    }

  ud_record_set (activity, "team", TEAM);
  ud_record_set (activity, "date", "2024-05-20");
  ud_record_set (activity, "type", "industry");
  ud_record_set (activity, "place", "两间房村");
  ud_record_set (activity, "participants", "王建国、李秀英");
  ud_record_set (activity, "households_reached", "3");
  ud_record_set (activity, "money", "150000");
  ud_record_set (activity, "summary", "赠送中蜂并培训养蜂技术");
  g_assert_true (ud_team_save (db, activity, &error));
  g_assert_no_error (error);

  ud_record_set (project, "team", TEAM);
  ud_record_set (project, "name", "中蜂养殖项目");
  ud_record_set (project, "started_on", "2024-05-20");
  ud_record_set (project, "value", "6000000");
  g_assert_true (ud_team_save (db, project, &error));
  g_assert_no_error (error);
}

typedef struct
{
  UdRecordTable *table;
  const char    *text;
  guint          n;
} CountWait;

static gboolean
table_shows (gpointer data)
{
  CountWait *wait = data;

  return !ud_record_table_get_busy (wait->table) &&
         g_strcmp0 (ud_record_table_get_count_text (wait->table), wait->text) == 0;
}

static gboolean
table_has_rows (gpointer data)
{
  CountWait *wait = data;

  return !ud_record_table_get_busy (wait->table) &&
         ud_record_table_get_model (wait->table) != NULL &&
         g_list_model_get_n_items (G_LIST_MODEL (ud_record_table_get_model (wait->table))) == wait->n;
}

static gboolean
binder_loaded (gpointer data)
{
  return ud_form_binder_get_loaded (data);
}

static gboolean
preview_shown (gpointer data)
{
  return ud_print_preview_get_rendered (data) || ud_print_preview_get_error (data) != NULL;
}

static gboolean
preview_saved (gpointer data)
{
  return !ud_print_preview_get_busy (data) && ud_print_preview_get_audits (data) == 1;
}

static gboolean
household_can_save (gpointer data)
{
  return ud_form_binder_get_can_save (data);
}

typedef struct
{
  UdRecordEditor *other;
  UdRecordEditor *found;
} EditorWait;

static gboolean
other_editor_shown (gpointer data)
{
  EditorWait *wait = data;
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (UD_IS_RECORD_EDITOR (l->data) && l->data != (gpointer) wait->other &&
        gtk_widget_get_mapped (l->data))
      {
        wait->found = l->data;
        return TRUE;
      }
  return FALSE;
}

/* The editor opened over @editor. */
static UdRecordEditor *
wait_other_editor (UdRecordEditor *editor)
{
  EditorWait wait = { editor, NULL };

  g_assert_true (ud_test_wait_for (other_editor_shown, &wait));
  return wait.found;
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Waits until @editor is closed and gone. */
static void
wait_gone (UdRecordEditor *editor)
{
  gpointer pointer = editor;

  g_object_add_weak_pointer (G_OBJECT (editor), &pointer);
  g_assert_true (ud_test_wait_for (pointer_cleared, &pointer));
}

static void
wait_count (UdRecordTable *table,
            const char    *text)
{
  CountWait wait = { table, text };

  if (!ud_test_wait_for (table_shows, &wait))
    g_error ("The list shows “%s”, not “%s”", ud_record_table_get_count_text (table), text);
}

static void
wait_rows (UdRecordEditor *editor,
           const char     *name,
           guint           n)
{
  CountWait wait = { UD_RECORD_TABLE (ud_record_editor_get_object (editor, name)), NULL, n };

  if (!ud_test_wait_for (table_has_rows, &wait))
    g_error ("The team's %s do not show %u rows", name, n);
}

/* The record section shown: the Units section is one too. */
static UdRecordSection *
shown_section (GtkWidget *root)
{
  if (UD_IS_RECORD_SECTION (root) && gtk_widget_get_mapped (root))
    return UD_RECORD_SECTION (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      UdRecordSection *found = shown_section (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
section_shown (gpointer window)
{
  return shown_section (window) != NULL;
}

static char *
teams (guint total)
{
  g_autofree char *total_text = g_strdup_printf ("%u", total);

  return g_strdup_printf (ngettext ("%s team", "%s teams", total), total_text);
}

static gboolean
drive (gpointer data)
{
  gboolean *passed = data;
  GtkWidget *window = ud_test_sign_in_window ("clerk", UD_TEST_PASSWORD, NULL);
  g_autofree char *one = teams (1);
  g_autofree char *two = teams (2);
  UdRecordTable *table;
  UdRecordEditor *editor;
  UdFormBinder *binder;

  ud_test_show_section (window, _("Poverty-Relief Teams"));
  g_assert_true (ud_test_wait_for (section_shown, window));
  table = ud_record_section_get_table (shown_section (window));
  wait_count (table, one);

  /* A new team: a founding day ahead is named on its row, and Save
   * waits until it is put right; the captain is required. */
  ud_test_press (window, _("_New Team"));
  editor = UD_RECORD_EDITOR (ud_test_wait_toplevel (UD_TYPE_RECORD_EDITOR));
  binder = ud_record_editor_get_binder (editor);
  g_assert_true (ud_test_wait_for (binder_loaded, binder));
  ud_test_type (GTK_WIDGET (editor), _("Team name"), NEW_TEAM);
  ud_test_type (GTK_WIDGET (editor), _("Responsible union"), "密云区总工会");
  ud_test_type (GTK_WIDGET (editor), _("Paired locality"), "河北省承德市丰宁县");
  ud_test_type (GTK_WIDGET (editor), _("Founded on"), "2999-01-01");
  g_assert_nonnull (ud_form_binder_get_field_error (binder, "founded"));
  g_assert_nonnull (strstr (ud_form_binder_get_field_error (binder, "founded"), _("Founded on")));
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor), ud_form_binder_get_field_error (binder, "founded")));
  g_assert_false (ud_test_can_press (GTK_WIDGET (editor), _("_Save")));
  ud_test_settle (500);
  ud_test_save_named_screenshot (GTK_WIDGET (editor), "team-editor-bad-date", 10000);
  ud_test_type (GTK_WIDGET (editor), _("Founded on"), "2024-03-01");
  g_assert_null (ud_form_binder_get_field_error (binder, "founded"));
  ud_test_type (GTK_WIDGET (editor), _("Captain"), "李秀英");
  ud_test_choose (GTK_WIDGET (editor), _("Status"), _("Being formed"));
  ud_test_press (GTK_WIDGET (editor), _("_Save"));
  ud_test_wait_closed (UD_TYPE_RECORD_EDITOR);
  wait_count (table, two);
  g_assert_true (ud_test_wait_labelled (window, NEW_TEAM));
  ud_test_save_named_screenshot (window, "teams-section", 10000);

  /* The team's members, households, activities and projects, in its editor. */
  ud_test_select (window, TEAM);
  ud_test_press (window, _("_Open"));
  editor = UD_RECORD_EDITOR (ud_test_wait_toplevel (UD_TYPE_RECORD_EDITOR));
  binder = ud_record_editor_get_binder (editor);
  g_assert_true (ud_test_wait_for (binder_loaded, binder));
  wait_rows (editor, "members", 2);
  wait_rows (editor, "households", 3);
  wait_rows (editor, "activities", 1);
  wait_rows (editor, "projects", 1);
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor), "李秀英"));
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor), "孙国庆"));
  ud_test_settle (300);
  ud_test_save_named_screenshot (GTK_WIDGET (editor), "team-editor", 10000);

  /* A fourth household, added over the team's editor: a household of
   * none is named at its row first. */
  {
    GtkWidget *team_editor = GTK_WIDGET (editor);
    UdRecordEditor *household;
    UdFormBinder *household_binder;
    GtkWidget *row;

    ud_test_press (team_editor, _("_Add Household…"));
    household = wait_other_editor (editor);
    household_binder = ud_record_editor_get_binder (household);
    g_assert_true (ud_test_wait_for (binder_loaded, household_binder));
    ud_test_type (GTK_WIDGET (household), _("Head of household"), "李桂兰");
    ud_test_type (GTK_WIDGET (household), _("Head's ID number"), "130824195304232078");
    ud_test_type (GTK_WIDGET (household), _("Village"), "火斗山村");
    row = ud_test_type (GTK_WIDGET (household), _("Household size"), "0");
    ud_test_choose (GTK_WIDGET (household), _("Main cause of poverty"), _("Lack of skills"));
    ud_test_type (GTK_WIDGET (household), _("Poverty registration number"), "13082420160004");
    {
      g_autofree char *problem = g_strdup_printf (_("%s: a household has at least one person"), _("Household size"));

      g_assert_true (ud_test_wait_labelled (GTK_WIDGET (household), problem));
    }
    g_assert_true (gtk_widget_has_css_class (row, "error"));
    ud_test_settle (300);
    ud_test_save_named_screenshot (GTK_WIDGET (household), "household-editor-bad-size", 10000);
    ud_test_type (GTK_WIDGET (household), _("Household size"), "4");
    g_assert_true (ud_test_wait_for (household_can_save, household_binder));
    ud_test_press (GTK_WIDGET (household), _("_Save"));
    wait_gone (household);
    wait_rows (editor, "households", 4);
    g_assert_true (ud_test_wait_labelled (team_editor, "李桂兰"));

    /* An activity by the team's members. */
    ud_test_press (team_editor, _("Add Ac_tivity…"));
    household = wait_other_editor (editor);
    household_binder = ud_record_editor_get_binder (household);
    g_assert_true (ud_test_wait_for (binder_loaded, household_binder));
    ud_test_type (GTK_WIDGET (household), _("Date"), "2024-08-10");
    ud_test_choose (GTK_WIDGET (household), _("Type of activity"), _("Health"));
    ud_test_type (GTK_WIDGET (household), _("Place"), "滦平县火斗山村");
    ud_test_type (GTK_WIDGET (household), _("Members who took part"), "李秀英");
    ud_test_type (GTK_WIDGET (household), _("Households reached"), "4");
    ud_test_type (GTK_WIDGET (household), _("Money given"), "800");
    ud_test_type (GTK_WIDGET (household), _("Summary"), "义诊");
    g_assert_true (ud_test_wait_for (household_can_save, household_binder));
    ud_test_press (GTK_WIDGET (household), _("_Save"));
    wait_gone (household);
    wait_rows (editor, "activities", 2);
    g_assert_true (ud_test_wait_labelled (team_editor, "滦平县火斗山村"));
  }

  /* The team's honour certificates, one a member, previewed and saved
   * as one PDF; then its year's report. */
  {
    g_autofree char *dir = g_dir_make_tmp ("ud-teams-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "certificates.pdf", NULL);
    g_autoptr(UdPrintPreview) preview = NULL;

    ud_test_press (GTK_WIDGET (editor), _("_Honour Certificates…"));
    preview = UD_PRINT_PREVIEW (g_object_ref (ud_test_wait_toplevel (UD_TYPE_PRINT_PREVIEW)));
    g_assert_true (ud_test_wait_for (preview_shown, preview));
    g_assert_null (ud_print_preview_get_error (preview));
    g_assert_cmpuint (ud_print_preview_get_n_pages (preview), ==, 2);
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *subtitle = g_strdup_printf (_("%s, %u"), TEAM, (guint) g_date_time_get_year (now));

      /* This year's, unless another is chosen. */
      g_assert_true (ud_test_wait_labelled (GTK_WIDGET (preview), subtitle));
    }
    ud_test_settle (300);
    ud_test_save_named_screenshot (GTK_WIDGET (preview), "team-certificates", 10000);
    ud_test_choose_file (GTK_WIDGET (preview), _("_Save as PDF…"), path, _("_Save"));
    g_assert_true (ud_test_wait_for (preview_saved, preview));
    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    gtk_window_close (GTK_WINDOW (preview));
    ud_test_wait_closed (UD_TYPE_PRINT_PREVIEW);
    g_clear_object (&preview);

    /* 500 yuan to each of the four households, in a new aid batch
     * whose receipt list opens. */
    {
      GtkWidget *dialog;

      ud_test_press (GTK_WIDGET (editor), _("_Pay Households…"));
      dialog = GTK_WIDGET (ud_test_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG));
      g_assert_false (ud_test_can_press (dialog, _("_Pay")));
      ud_test_type (dialog, _("Amount per household (yuan)"), "500");
      ud_test_settle (200);
      ud_test_save_named_screenshot (dialog, "team-pay", 10000);
      ud_test_press (dialog, _("_Pay"));
      preview = UD_PRINT_PREVIEW (g_object_ref (ud_test_wait_toplevel (UD_TYPE_PRINT_PREVIEW)));
      g_assert_true (ud_test_wait_for (preview_shown, preview));
      g_assert_null (ud_print_preview_get_error (preview));
      g_assert_true (ud_test_wait_labelled (GTK_WIDGET (preview), _("Receipt List")));
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_local ();
        g_autofree char *serial = g_strdup_printf ("帮扶-110118-%d-01-0001", g_date_time_get_year (now));

        /* The batch made, with one page of four lines. */
        g_assert_true (ud_test_wait_labelled (GTK_WIDGET (preview), serial));
        g_assert_cmpuint (ud_print_preview_get_n_pages (preview), ==, 1);
      }
      ud_test_settle (300);
      ud_test_save_named_screenshot (GTK_WIDGET (preview), "team-receipts", 10000);
      gtk_window_close (GTK_WINDOW (preview));
      ud_test_wait_closed (UD_TYPE_PRINT_PREVIEW);
      g_clear_object (&preview);
    }

    ud_test_press (GTK_WIDGET (editor), _("Year _Report…"));
    preview = UD_PRINT_PREVIEW (g_object_ref (ud_test_wait_toplevel (UD_TYPE_PRINT_PREVIEW)));
    g_assert_true (ud_test_wait_for (preview_shown, preview));
    g_assert_null (ud_print_preview_get_error (preview));
    g_assert_cmpuint (ud_print_preview_get_n_pages (preview), >=, 1);
    ud_test_settle (300);
    ud_test_save_named_screenshot (GTK_WIDGET (preview), "team-report", 10000);
    gtk_window_close (GTK_WINDOW (preview));
    ud_test_wait_closed (UD_TYPE_PRINT_PREVIEW);
    ud_test_remove_tree (dir);
  }

  ud_test_type (GTK_WIDGET (editor), _("Captain"), "李秀英");
  ud_test_press (GTK_WIDGET (editor), _("_Save"));
  ud_test_wait_closed (UD_TYPE_RECORD_EDITOR);

  /* Delete the new team, then undo. */
  ud_test_select (window, NEW_TEAM);
  ud_test_press (window, _("Delete the Selected Team"));
  wait_count (table, one);
  g_assert_true (ud_test_wait_labelled (window, _("_Undo")));
  ud_test_press (window, _("_Undo"));
  wait_count (table, two);

  *passed = TRUE;
  ud_test_quit_application ();

  return G_SOURCE_REMOVE;
}

static void
test_teams (void)
{
  gboolean passed = FALSE;

  ud_test_run_office (prepare, NULL, drive, &passed);
  g_assert_true (passed);
}

int
main (int   argc,
      char *argv[])
{
  ud_test_init (&argc, &argv);

  g_test_add_func ("/app/teams/register", test_teams);

  return g_test_run ();
}
