/* test-teams.c — the Teams section (劳模扶贫队), pressed through as the clerk does
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ud-account.h"
#include "ud-idcard.h"
#include "ud-member-chooser.h"
#include "ud-member-kind.h"
#include "ud-print-preview-private.h"
#include "ud-record-section.h"
#include "ud-record-store.h"
#include "ud-team-kind.h"
#include "ud-team-store.h"
#include "ud-test-app.h"

#define TEAM "密云区劳模扶贫队"
/* The Done means of issue 10: thirty households paid 500 yuan each,
 * twelve honour certificates. */
#define N_HOUSEHOLDS 30
#define N_CERTIFICATES 12
#define NEW_TEAM "密云区劳模扶贫二队"

/* A team of thirteen model workers from the roll, an activity and a
 * project, as the command line's import leaves it; its thirty
 * households are added by pressing. */
/* A valid ID number of @region, born on 1 January of @year. */
static char *
id_number_new (const char *region,
               guint       year,
               guint       sequence)
{
  g_autofree char *first = g_strdup_printf ("%s%04u0101%03u", region, year, sequence % 1000);

  return g_strdup_printf ("%s%c", first, ud_idcard_check_char (first));
}

static void
prepare (UdDatabase *db,
         gpointer    data)
{
  const char *workers[][2] = {
    { "王建国", "110228196501101011" },
    { "李秀英", "110228196602111032" },
    { "陈志强", NULL }, { "刘淑芬", NULL }, { "杨树林", NULL }, { "黄丽华", NULL },
    { "周永红", NULL }, { "吴德胜", NULL }, { "徐秀兰", NULL }, { "孙建华", NULL },
    { "马玉珍", NULL }, { "朱国栋", NULL }, { "胡春梅", NULL },
  };
  const char *others[][2] = {
    { "张德明", "110228196703121053" },
    { "赵普通", "110228196804131074" },
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
      g_autofree char *id_number = workers[i][1] != NULL ? g_strdup (workers[i][1])
                                                         : id_number_new ("110228", 1960 + i, 300 + i);

      ud_record_set (member, "name", workers[i][0]);
      ud_record_set (member, "id_number", id_number);
      ud_record_set (member, "unit", "密云蜂业合作社");
      ud_record_set (member, "model_worker", "beijing_model");
      ud_record_store_save (db, member, NULL, &error);
      g_assert_no_error (error);

      ud_record_set (in_team, "team", TEAM);
      ud_record_set (in_team, "id_number", id_number);
      ud_record_set (in_team, "expertise", "养蜂");
      g_assert_true (ud_team_save (db, in_team, &error));
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

  /* On the roll, not in the team: a model worker, and a member who is
   * none (the team's chooser does not offer him). */
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autoptr(UdRecord) member = ud_record_new (&ud_kind_member);

      ud_record_set (member, "name", others[i][0]);
      ud_record_set (member, "id_number", others[i][1]);
      ud_record_set (member, "unit", "密云区果品公司");
      if (i == 0)
        ud_record_set (member, "model_worker", "beijing_model");
      ud_record_store_save (db, member, NULL, &error);
      g_assert_no_error (error);
    }
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

static gboolean
add_member_shown (gpointer data)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (g_strcmp0 (gtk_window_get_title (l->data), _("Add a Team Member")) == 0 && gtk_widget_get_mapped (l->data))
      {
        *(gpointer *) data = l->data;
        return TRUE;
      }
  return FALSE;
}

/* The member chooser's search came back with one member. */
static gboolean
one_found (gpointer data)
{
  return ud_member_chooser_get_ready (data) && ud_member_chooser_get_n_results (data) == 1;
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

/* The list of the team's @name ("households"), in its group. */
static UdRecordTable *
child_table (UdRecordEditor *editor,
             const char     *name)
{
  g_autofree char *group = g_strconcat (name, "_group", NULL);

  return UD_RECORD_TABLE (ud_test_find_by_type (GTK_WIDGET (ud_record_editor_get_object (editor, group)),
                                                UD_TYPE_RECORD_TABLE));
}

/* The group of the team's @name ("households"): its Edit… and Remove
 * are pressed there, each list having its own. */
static GtkWidget *
child_group (UdRecordEditor *editor,
             const char     *name)
{
  g_autofree char *group = g_strconcat (name, "_group", NULL);

  return GTK_WIDGET (ud_record_editor_get_object (editor, group));
}

static void
wait_rows (UdRecordEditor *editor,
           const char     *name,
           guint           n)
{
  CountWait wait = { child_table (editor, name), NULL, n };

  if (!ud_test_wait_for (table_has_rows, &wait))
    g_error ("The team's %s do not show %u rows", name, n);
}

/* A PDF's pages, as poppler's pdfinfo counts them. */
static guint
pdf_pages (const char *path)
{
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { pdfinfo, path, NULL };
  const char *pages;
  int status = 0;

  if (pdfinfo == NULL)
    g_error ("pdfinfo (poppler-utils) is needed to count the pages of %s", path);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  pages = strstr (out, "Pages:");
  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:") + strspn (pages + strlen ("Pages:"), " "), NULL, 10);
}

/* The message dialog shown whose heading is @heading. */
static gboolean
dialog_with_heading (gpointer data)
{
  const char **found = data;
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_mapped (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), found[0]) == 0)
      {
        found[1] = l->data;
        return TRUE;
      }
  return FALSE;
}

static GtkWidget *
wait_dialog (const char *heading)
{
  const char *found[2] = { heading, NULL };

  if (!ud_test_wait_for (dialog_with_heading, found))
    g_error ("No dialog “%s” is shown", heading);
  return GTK_WIDGET (found[1]);
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

  /* The team's members, activity and project, in its editor. */
  ud_test_select (window, TEAM);
  ud_test_press (window, _("_Open"));
  editor = UD_RECORD_EDITOR (ud_test_wait_toplevel (UD_TYPE_RECORD_EDITOR));
  binder = ud_record_editor_get_binder (editor);
  g_assert_true (ud_test_wait_for (binder_loaded, binder));
  wait_rows (editor, "members", 13);
  wait_rows (editor, "households", 0);
  wait_rows (editor, "activities", 1);
  wait_rows (editor, "projects", 1);
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor), "李秀英"));
  g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor), _("No Households")));
  ud_test_settle (300);
  ud_test_save_named_screenshot (GTK_WIDGET (editor), "team-editor", 10000);

  /* Thirty households, each added over the team's editor as the clerk
   * does; the first is of none, named at its row first. */
  {
    GtkWidget *team_editor = GTK_WIDGET (editor);
    UdRecordEditor *household;
    UdFormBinder *household_binder;
    GtkWidget *row;
    gint64 started = g_get_monotonic_time ();

    for (guint i = 0; i < N_HOUSEHOLDS; i++)
      {
        static const char * const heads[] = { "赵春生", "钱玉梅", "孙国庆", "李桂兰", "周大海", "吴小燕" };
        g_autofree char *head = g_strdup_printf ("%s%u", heads[i % G_N_ELEMENTS (heads)], i + 1);
        g_autofree char *id_number = id_number_new ("130824", 1950 + i % 40, 100 + i);
        g_autofree char *registration = g_strdup_printf ("1308242016%04u", i + 1);

        ud_test_press (team_editor, _("_Add Household…"));
        household = wait_other_editor (editor);
        household_binder = ud_record_editor_get_binder (household);
        g_assert_true (ud_test_wait_for (binder_loaded, household_binder));
        ud_test_type (GTK_WIDGET (household), _("Head of household"), head);
        ud_test_type (GTK_WIDGET (household), _("Head's ID number"), id_number);
        ud_test_type (GTK_WIDGET (household), _("Village"), i % 2 == 0 ? "两间房村" : "火斗山村");
        row = ud_test_type (GTK_WIDGET (household), _("Household size"), i == 0 ? "0" : "3");
        ud_test_choose (GTK_WIDGET (household), _("Main cause of poverty"), _("Lack of skills"));
        ud_test_type (GTK_WIDGET (household), _("Poverty registration number"), registration);
        if (i == 0)
          {
            g_autofree char *problem = g_strdup_printf (_("%s: a household has at least one person"), _("Household size"));

            g_assert_true (ud_test_wait_labelled (GTK_WIDGET (household), problem));
            g_assert_true (gtk_widget_has_css_class (row, "error"));
            ud_test_settle (300);
            ud_test_save_named_screenshot (GTK_WIDGET (household), "household-editor-bad-size", 10000);
            ud_test_type (GTK_WIDGET (household), _("Household size"), "4");
          }
        g_assert_true (ud_test_wait_for (household_can_save, household_binder));
        ud_test_press (GTK_WIDGET (household), _("_Save"));
        wait_gone (household);
      }
    wait_rows (editor, "households", N_HOUSEHOLDS);
    g_test_message ("%u households added by pressing in %.1f s", N_HOUSEHOLDS,
                    (double) (g_get_monotonic_time () - started) / G_USEC_PER_SEC);

    /* A household's size put right: found by its head, Edit… on its
     * row. */
    ud_test_type (team_editor, _("Search the households"), "钱玉梅8");
    g_assert_true (ud_test_wait_labelled (team_editor, "钱玉梅8"));
    ud_test_select (team_editor, "钱玉梅8");
    ud_test_press (child_group (editor, "households"), _("_Edit…"));
    household = wait_other_editor (editor);
    household_binder = ud_record_editor_get_binder (household);
    g_assert_true (ud_test_wait_for (binder_loaded, household_binder));
    ud_test_type (GTK_WIDGET (household), _("Household size"), "5");
    g_assert_true (ud_test_wait_for (household_can_save, household_binder));
    ud_test_press (GTK_WIDGET (household), _("_Save"));
    wait_gone (household);

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

    /* The activity removed again: Remove asks first, then it goes. */
    {
      g_autofree char *heading = g_strdup_printf (_("Remove “%s”?"), "2024-08-10 滦平县火斗山村");
      GtkWidget *dialog;

      ud_test_select (team_editor, "滦平县火斗山村");
      ud_test_press (child_group (editor, "activities"), _("_Remove"));
      dialog = wait_dialog (heading);
      ud_test_settle (200);
      ud_test_save_named_screenshot (dialog, "team-remove-activity", 10000);
      ud_test_press (dialog, _("_Remove"));
      wait_rows (editor, "activities", 1);
      g_assert_null (ud_test_find_labelled (team_editor, "滦平县火斗山村"));
    }

    /* A model worker joins from the roll: the chooser offers the model
     * workers not in the team yet, found by what is typed. */
    {
      gpointer dialog = NULL;
      gpointer pointer;
      UdMemberChooser *chooser;

      ud_test_press (team_editor, _("Add _Member…"));
      g_assert_true (ud_test_wait_for (add_member_shown, &dialog));
      chooser = UD_MEMBER_CHOOSER (ud_test_find_by_type (dialog, UD_TYPE_MEMBER_CHOOSER));
      if (!ud_test_wait_for (one_found, chooser))
        g_error ("The chooser offers %u members, not the one model worker outside the team",
                 ud_member_chooser_get_n_results (chooser));
      g_assert_false (ud_test_can_press (dialog, _("_Add Member")));
      ud_test_type (dialog, _("Search by name, pinyin, ID number or unit"), "赵普通");
      g_assert_true (ud_test_wait_labelled (dialog, _("Nobody on the roll matches.")));
      g_assert_cmpuint (ud_member_chooser_get_n_results (chooser), ==, 0);
      ud_test_type (dialog, _("Search by name, pinyin, ID number or unit"), "张德明");
      g_assert_true (ud_test_wait_for (one_found, chooser));
      ud_test_press (dialog, "张德明");
      g_assert_cmpstr (ud_record_get (ud_member_chooser_get_selected (chooser), "name"), ==, "张德明");
      g_assert_true (ud_test_wait_labelled (dialog, _("Beijing model worker")));
      ud_test_type (dialog, _("Field of expertise"), "果树栽培");
      ud_test_choose (dialog, _("Role in the team"), _("Deputy captain"));
      ud_test_settle (300);
      ud_test_save_named_screenshot (dialog, "team-add-member", 10000);
      pointer = dialog;
      g_object_add_weak_pointer (G_OBJECT (dialog), &pointer);
      ud_test_press (dialog, _("_Add Member"));
      g_assert_true (ud_test_wait_for (pointer_cleared, &pointer));
      wait_rows (editor, "members", 14);
      g_assert_true (ud_test_wait_labelled (team_editor, "果树栽培"));
    }

    /* A member's expertise, edited on its row. */
    ud_test_type (team_editor, _("Search the team’s members"), "张德明");
    g_assert_true (ud_test_wait_labelled (team_editor, "果树栽培"));
    ud_test_select (team_editor, "果树栽培");
    ud_test_press (child_group (editor, "members"), _("_Edit…"));
    household = wait_other_editor (editor);
    household_binder = ud_record_editor_get_binder (household);
    g_assert_true (ud_test_wait_for (binder_loaded, household_binder));
    ud_test_type (GTK_WIDGET (household), _("Field of expertise"), "果树嫁接");
    g_assert_true (ud_test_wait_for (household_can_save, household_binder));
    ud_test_settle (200);
    ud_test_save_named_screenshot (GTK_WIDGET (household), "team-member-editor", 10000);
    ud_test_press (GTK_WIDGET (household), _("_Save"));
    wait_gone (household);
    g_assert_true (ud_test_wait_labelled (team_editor, "果树嫁接"));
  }

  /* Twelve of the fourteen members' honour certificates, chosen,
   * previewed and saved as one PDF; then its year's report. */
  {
    g_autofree char *dir = g_dir_make_tmp ("ud-teams-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "certificates.pdf", NULL);
    g_autofree char *receipts = g_build_filename (dir, "receipts.pdf", NULL);
    g_autoptr(UdPrintPreview) preview = NULL;
    GtkWidget *dialog;

    ud_test_press (GTK_WIDGET (editor), _("_Honour Certificates…"));
    dialog = wait_dialog (_("Honour Certificates"));
    g_assert_true (ud_test_wait_labelled (dialog, "张德明"));
    ud_test_set_check (dialog, "王建国", FALSE);
    ud_test_set_check (dialog, "胡春梅", FALSE);
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *chosen = g_strdup_printf (ngettext ("%u member chosen: each gets a certificate of %u.",
                                                           "%u members chosen: each gets a certificate of %u.",
                                                           N_CERTIFICATES),
                                                 N_CERTIFICATES, (guint) g_date_time_get_year (now));

      g_assert_true (ud_test_wait_labelled (dialog, chosen));
    }
    ud_test_settle (200);
    ud_test_save_named_screenshot (dialog, "team-choose-certificates", 10000);
    ud_test_press (dialog, _("_Preview…"));
    preview = UD_PRINT_PREVIEW (g_object_ref (ud_test_wait_toplevel (UD_TYPE_PRINT_PREVIEW)));
    g_assert_true (ud_test_wait_for (preview_shown, preview));
    g_assert_null (ud_print_preview_get_error (preview));
    g_assert_cmpuint (ud_print_preview_get_n_pages (preview), ==, N_CERTIFICATES);
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
    g_assert_cmpuint (pdf_pages (path), ==, N_CERTIFICATES);
    gtk_window_close (GTK_WINDOW (preview));
    ud_test_wait_closed (UD_TYPE_PRINT_PREVIEW);
    g_clear_object (&preview);

    /* 500 yuan to each of the thirty households, in a new aid batch
     * whose receipt list opens, and is saved. */
    {
      ud_test_press (GTK_WIDGET (editor), _("_Pay Households…"));
      dialog = wait_dialog (_("Pay the Households"));
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
        g_autofree char *text = NULL;
        g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

        /* The batch made, its thirty lines and their total. */
        g_assert_true (ud_test_wait_labelled (GTK_WIDGET (preview), serial));
        ud_test_settle (300);
        ud_test_save_named_screenshot (GTK_WIDGET (preview), "team-receipts", 10000);
        ud_test_choose_file (GTK_WIDGET (preview), _("_Save as PDF…"), receipts, _("_Save"));
        g_assert_true (ud_test_wait_for (preview_saved, preview));
        g_assert_cmpuint (pdf_pages (receipts), ==, ud_print_preview_get_n_pages (preview));
        if (pdftotext == NULL)
          g_error ("pdftotext (poppler-utils) is needed to read %s", receipts);
        {
          const char *argv[] = { pdftotext, receipts, "-", NULL };
          int status = 0;

          g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                       &text, NULL, &status, NULL));
          /* The total of the thirty lines: 30 × 500 yuan. */
          g_assert_nonnull (strstr (text, "15,000.00"));
          g_assert_nonnull (strstr (text, "孙国庆3"));
        }
      }
      gtk_window_close (GTK_WINDOW (preview));
      ud_test_wait_closed (UD_TYPE_PRINT_PREVIEW);
      g_clear_object (&preview);
    }

    /* A household paid is not removed, and the message says why. */
    {
      g_autofree char *heading = g_strdup_printf (_("Remove “%s”?"), "孙国庆3 两间房村");
      g_autofree char *refused = g_strdup_printf (ngettext ("The household of %s cannot be removed: it has %s aid payment (%s paid), which must stay with it.",
                                                            "The household of %s cannot be removed: it has %s aid payments (%s paid), which must stay with it.",
                                                            1),
                                                  "孙国庆3", "1", "0");

      ud_test_type (GTK_WIDGET (editor), _("Search the households"), "孙国庆3");
      g_assert_true (ud_test_wait_labelled (GTK_WIDGET (editor), "孙国庆3"));
      ud_test_select (GTK_WIDGET (editor), "孙国庆3");
      ud_test_press (child_group (editor, "households"), _("_Remove"));
      dialog = wait_dialog (heading);
      ud_test_press (dialog, _("_Remove"));
      dialog = wait_dialog (_("Not Removed"));
      g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==, refused);
      ud_test_settle (300);
      ud_test_save_named_screenshot (dialog, "team-household-remove-refused", 4000);
      ud_test_press (dialog, _("_Close"));
      ud_test_type (GTK_WIDGET (editor), _("Search the households"), "");
      wait_rows (editor, "households", N_HOUSEHOLDS);
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

  /* The first team's households are in an aid batch: it is not deleted,
   * and the message says why. */
  ud_test_select (window, TEAM);
  ud_test_press (window, _("Delete the Selected Team"));
  {
    g_autofree char *refused = g_strdup_printf (ngettext ("The team “%s” cannot be deleted: %s of its households has aid payments (%s paid), which must stay with it. Set its status to Dissolved instead.",
                                                          "The team “%s” cannot be deleted: %s of its households have aid payments (%s paid), which must stay with them. Set its status to Dissolved instead.",
                                                          N_HOUSEHOLDS),
                                                TEAM, "30", "0");

    if (!ud_test_wait_labelled (window, refused))
      {
        g_autofree char *shown = ud_test_describe (window);

        g_error ("Not shown: %s\nShown:\n%s", refused, shown);
      }
    ud_test_settle (300);
    ud_test_save_named_screenshot (window, "team-delete-refused", 10000);
  }
  wait_count (table, two);

  /* The new one goes, and comes back. */
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
