/* ud-cli-bench.c — the performance budgets of DESIGN §9, measured
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "ud-cli.h"
#include "ud-csv.h"
#include "ud-generate.h"
#include "ud-illness-form.h"
#include "ud-import.h"
#include "ud-member-store.h"
#include "ud-pinyin.h"
#include "ud-table.h"

typedef struct
{
  const char *name;
  GPtrArray  *queries;
  GArray     *ms;
} QueryClass;

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  guint index;

  if (values->len == 0)
    return 0;

  g_array_sort (values, compare_double);
  index = (guint) (p * (values->len - 1) + 0.5);
  return g_array_index (values, double, MIN (index, values->len - 1));
}

static gint64
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? g_ascii_strtoll (line + 6, NULL, 10) : -1;
}

static gboolean
write_gb18030_roster (const char  *path,
                      guint        n,
                      GError     **error)
{
  g_autoptr(GPtrArray) rows = ud_generate_roster (n, 20261123);
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autofree char *encoded = NULL;
  gsize encoded_len;

  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);

      ud_csv_append_row (csv, (const char * const *) row->pdata, row->len);
    }

  encoded = g_convert (csv->str, csv->len, "GB18030", "UTF-8", NULL, &encoded_len, error);
  if (encoded == NULL)
    return FALSE;

  return g_file_set_contents (path, encoded, encoded_len, error);
}

/* The reference: sqlite3's own .import of the same file into a table
 * with the same unique ID index and name index. */
static double
raw_sqlite_import_ms (const char  *dir,
                      const char  *csv_path,
                      GError     **error)
{
  g_autofree char *db_path = g_build_filename (dir, "raw.db", NULL);
  g_autofree char *import_cmd = g_strdup_printf (".import --skip 1 %s member", csv_path);
  const char *argv[] = {
    "sqlite3", db_path,
    "PRAGMA journal_mode=WAL;",
    "CREATE TABLE member (name, sex, id_number UNIQUE, phone, unit, joined_on,"
    " card_number, employment, model_worker, notes);"
    "CREATE INDEX member_name ON member (name);",
    ".mode csv",
    import_cmd,
    NULL,
  };
  int status;
  double start;

  start = now_ms ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, error) ||
      !g_spawn_check_wait_status (status, error))
    return -1;

  return now_ms () - start;
}

static void
add_query (QueryClass *klass,
           char       *query)
{
  if (query != NULL && *query != '\0')
    g_ptr_array_add (klass->queries, query);
  else
    g_free (query);
}

static char *
utf8_prefix (const char *text,
             guint       n_chars)
{
  const char *end = text;

  for (guint i = 0; i < n_chars && *end != '\0'; i++)
    end = g_utf8_next_char (end);

  return g_strndup (text, end - text);
}

/* bench --list-only: what the member window does first — every id in
 * name order, then the first screen of rows — with the resident memory
 * of a process that did nothing else. */
static int
bench_list_open (UdCliContext *ctx)
{
  g_autoptr(UdDatabase) db = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GError) error = NULL;
  UdMemberQuery all = { 0 };
  double start = now_ms ();

  db = ud_database_open (ctx->db_path, &error);
  if (db != NULL)
    ids = ud_member_store_query (db, &all, NULL, &error);
  if (ids != NULL)
    first = ud_member_store_load (db, (const gint64 *) (gpointer) ids->data, MIN (ids->len, 60), &error);
  if (first == NULL)
    {
      ud_cli_fail ("%s", error->message);
      return UD_CLI_FAILED;
    }

  printf ("%.3f %" G_GINT64_FORMAT "\n", now_ms () - start, rss_kib ());
  return UD_CLI_OK;
}

static gboolean
measure_list_open (const char  *db_path,
                   double      *ms,
                   gint64      *rss,
                   GError     **error)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", error);
  g_autofree char *out = NULL;
  int status;
  const char *argv[] = { NULL, "--db", db_path, "bench", "--list-only", NULL };

  if (self == NULL)
    return FALSE;
  argv[0] = self;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, &out, NULL, &status, error) ||
      !g_spawn_check_wait_status (status, error))
    return FALSE;

  *ms = g_ascii_strtod (out, NULL);
  *rss = g_ascii_strtoll (strchr (out, ' ') != NULL ? strchr (out, ' ') + 1 : "0", NULL, 10);
  return TRUE;
}

int
ud_cli_bench (UdCliContext  *ctx,
              int            argc,
              char         **argv)
{
  int members = 1000000;
  int import_rows = 100000;
  int queries_per_class = 40;
  g_autofree char *keep = NULL;
  gboolean list_only = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(JsonBuilder) out = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const GOptionEntry entries[] = {
    { "members", 0, 0, G_OPTION_ARG_INT, &members, N_("Members in the search and list benchmark (default 1,000,000)"), N_("N") },
    { "import-rows", 0, 0, G_OPTION_ARG_INT, &import_rows, N_("Rows in the import benchmark (default 100,000)"), N_("N") },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, N_("Keep the generated databases in this folder"), N_("DIR") },
    { "list-only", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &list_only, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ud_cli_parse (context, &argc, &argv) || argc != 1 || members < 1 || import_rows < 1)
    return ud_cli_usage ("bench [--members N] [--import-rows N]");

  if (list_only)
    return bench_list_open (ctx);

  if (keep != NULL)
    {
      if (g_mkdir_with_parents (keep, 0700) != 0)
        {
          ud_cli_fail (_("Could not create the folder “%s”."), keep);
          return UD_CLI_FAILED;
        }
      dir = g_strdup (keep);
    }
  else
    dir = g_dir_make_tmp ("uniondesk-bench-XXXXXX", &error);
  if (dir == NULL)
    {
      ud_cli_fail ("%s", error->message);
      return UD_CLI_FAILED;
    }

  json_builder_begin_object (out);

  /* 0. One approval form to PDF (DESIGN §9: ≤ 50 ms, ≤ 300 KB). */
  {
    gsize pdf_bytes = 0;
    double form_ms;

    fprintf (stderr, "bench: approval form to PDF…\n");
    form_ms = ud_illness_form_bench (20, &pdf_bytes);
    if (form_ms < 0)
      goto failed;

    json_builder_set_member_name (out, "form");
    json_builder_begin_object (out);
    json_builder_set_member_name (out, "ms");
    json_builder_add_double_value (out, form_ms);
    json_builder_set_member_name (out, "budget_ms");
    json_builder_add_double_value (out, 50);
    json_builder_set_member_name (out, "pdf_bytes");
    json_builder_add_int_value (out, (gint64) pdf_bytes);
    json_builder_set_member_name (out, "budget_pdf_bytes");
    json_builder_add_int_value (out, 300 * 1024);
    json_builder_end_object (out);
  }

  /* 1. Import from a GB18030 CSV, against sqlite3's own .import. */
  {
    g_autofree char *csv_path = g_build_filename (dir, "roster-gb18030.csv", NULL);
    g_autofree char *db_path = g_build_filename (dir, "import.db", NULL);
    g_autoptr(UdDatabase) db = NULL;
    g_autoptr(UdImport) import = NULL;
    g_autoptr(UdImportReport) report = NULL;
    double start, import_ms, raw_ms;

    fprintf (stderr, "bench: import of %d rows…\n", import_rows);
    if (!write_gb18030_roster (csv_path, (guint) import_rows, &error) ||
        (db = ud_database_open (db_path, &error)) == NULL ||
        !ud_database_initialize_office (db, "110118", "Bench", &error))
      goto failed;

    start = now_ms ();
    import = ud_import_new_from_file (&ud_kind_member, csv_path, NULL, &error);
    if (import == NULL)
      goto failed;
    report = ud_import_run (import, db, FALSE, NULL, NULL, NULL, &error);
    if (report == NULL)
      goto failed;
    import_ms = now_ms () - start;

    raw_ms = raw_sqlite_import_ms (dir, csv_path, &error);
    if (raw_ms < 0)
      goto failed;

    json_builder_set_member_name (out, "import");
    json_builder_begin_object (out);
    json_builder_set_member_name (out, "rows");
    json_builder_add_int_value (out, import_rows);
    json_builder_set_member_name (out, "imported");
    json_builder_add_int_value (out, report->imported);
    json_builder_set_member_name (out, "rejected");
    json_builder_add_int_value (out, report->rejected);
    json_builder_set_member_name (out, "seconds");
    json_builder_add_double_value (out, import_ms / 1000.0);
    json_builder_set_member_name (out, "sqlite3_import_seconds");
    json_builder_add_double_value (out, raw_ms / 1000.0);
    json_builder_set_member_name (out, "ratio_to_sqlite3");
    json_builder_add_double_value (out, import_ms / raw_ms);
    json_builder_set_member_name (out, "budget_seconds");
    json_builder_add_double_value (out, 3.0);
    json_builder_end_object (out);
  }

  /* 2. The member list and search over a big roll. */
  {
    g_autofree char *db_path = g_build_filename (dir, "search.db", NULL);
    g_autoptr(UdDatabase) db = NULL;
    g_autoptr(GPtrArray) roster = NULL;
    g_autoptr(GRand) rand = g_rand_new_with_seed (7);
    QueryClass classes[] = {
      { "surname_1_char" }, { "name_2_chars" }, { "full_name" }, { "pinyin_initials" },
      { "full_pinyin" }, { "id_fragment_6" }, { "phone_last_4" }, { "unit_2_chars" },
    };
    GArray *all_ms = g_array_new (FALSE, FALSE, sizeof (double));
    double start, generate_ms, list_ms, sort_unit_ms;
    gint64 list_rss;

    fprintf (stderr, "bench: generating %d members…\n", members);
    start = now_ms ();
    if ((db = ud_database_open (db_path, &error)) == NULL ||
        !ud_database_initialize_office (db, "110118", "Bench", &error) ||
        !ud_generate_members (db, (guint) members, 4242, &error))
      goto failed;
    generate_ms = now_ms () - start;
    /* Queries are drawn from the same generator's rows. */
    roster = ud_generate_roster (MIN ((guint) members, 20000), 4242);

    /* Opening the list is measured in a fresh process, as the window
     * would do it, so that its memory is not the generator's. */
    g_clear_object (&db);
    if (!measure_list_open (db_path, &list_ms, &list_rss, &error))
      goto failed;
    db = ud_database_open (db_path, &error);
    if (db == NULL)
      goto failed;
    /* The window opens the list before anyone types: its ordered roll is
     * what the searches then walk. */
    {
      UdMemberQuery all = { 0 };
      g_autoptr(GArray) everyone = ud_member_store_query (db, &all, NULL, &error);

      if (everyone == NULL)
        goto failed;
    }
    /* A click on the work-unit column: the whole roll in another order. */
    {
      UdMemberQuery by_unit = { .sort_field = (char *) "unit" };
      g_autoptr(GArray) sorted = NULL;

      start = now_ms ();
      sorted = ud_member_store_query (db, &by_unit, NULL, &error);
      if (sorted == NULL)
        goto failed;
      sort_unit_ms = now_ms () - start;
    }

    for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
      {
        classes[c].queries = g_ptr_array_new_with_free_func (g_free);
        classes[c].ms = g_array_new (FALSE, FALSE, sizeof (double));
      }

    for (int q = 0; q < queries_per_class; q++)
      {
        GPtrArray *row = g_ptr_array_index (roster, g_rand_int_range (rand, 1, (gint32) roster->len));
        const char *name = g_ptr_array_index (row, 0);
        const char *id = g_ptr_array_index (row, 2);
        const char *phone = g_ptr_array_index (row, 3);
        const char *unit = g_ptr_array_index (row, 4);
        g_autofree char *pinyin = NULL;
        g_autofree char *initials = NULL;

        ud_pinyin_for_name (name, &pinyin, &initials);
        add_query (&classes[0], utf8_prefix (name, 1));
        add_query (&classes[1], utf8_prefix (name, 2));
        add_query (&classes[2], g_strdup (name));
        add_query (&classes[3], g_strdup (initials));
        add_query (&classes[4], g_strdup (pinyin));
        add_query (&classes[5], g_strndup (id + 6, 6));
        add_query (&classes[6], g_strdup (phone + 7));
        add_query (&classes[7], g_utf8_substring (unit, 2, 4));
      }

    fprintf (stderr, "bench: searching…\n");
    for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
      for (guint q = 0; q < classes[c].queries->len; q++)
        {
          g_autoptr(GArray) found = NULL;
          g_autoptr(GPtrArray) page = NULL;
          UdMemberQuery query = { 0 };
          double ms;

          /* What the list needs as you type: every match in order (for
           * the count and the scrollbar) and the first screen of rows. */
          query.text = g_ptr_array_index (classes[c].queries, q);
          start = now_ms ();
          found = ud_member_store_query (db, &query, NULL, &error);
          if (found == NULL)
            goto failed;
          page = ud_member_store_load (db, (const gint64 *) (gpointer) found->data, MIN (found->len, 60), &error);
          if (page == NULL)
            goto failed;
          ms = now_ms () - start;
          g_array_append_val (classes[c].ms, ms);
          g_array_append_val (all_ms, ms);
        }

    json_builder_set_member_name (out, "members");
    json_builder_begin_object (out);
    json_builder_set_member_name (out, "count");
    json_builder_add_int_value (out, members);
    json_builder_set_member_name (out, "generate_seconds");
    json_builder_add_double_value (out, generate_ms / 1000.0);
    json_builder_set_member_name (out, "list_open_ms");
    json_builder_add_double_value (out, list_ms);
    json_builder_set_member_name (out, "list_open_budget_ms");
    json_builder_add_double_value (out, 500);
    json_builder_set_member_name (out, "list_sort_by_unit_ms");
    json_builder_add_double_value (out, sort_unit_ms);
    json_builder_set_member_name (out, "list_rss_kib");
    json_builder_add_int_value (out, list_rss);
    json_builder_set_member_name (out, "list_rss_budget_kib");
    json_builder_add_int_value (out, 250 * 1024);
    json_builder_end_object (out);

    json_builder_set_member_name (out, "search");
    json_builder_begin_object (out);
    json_builder_set_member_name (out, "p95_ms");
    json_builder_add_double_value (out, percentile (all_ms, 0.95));
    json_builder_set_member_name (out, "budget_p95_ms");
    json_builder_add_double_value (out, 20);
    json_builder_set_member_name (out, "classes");
    json_builder_begin_object (out);
    for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
      {
        json_builder_set_member_name (out, classes[c].name);
        json_builder_begin_object (out);
        json_builder_set_member_name (out, "p50_ms");
        json_builder_add_double_value (out, percentile (classes[c].ms, 0.5));
        json_builder_set_member_name (out, "p95_ms");
        json_builder_add_double_value (out, percentile (classes[c].ms, 0.95));
        json_builder_set_member_name (out, "max_ms");
        json_builder_add_double_value (out, percentile (classes[c].ms, 1.0));
        json_builder_set_member_name (out, "example");
        json_builder_add_string_value (out, g_ptr_array_index (classes[c].queries, 0));
        json_builder_end_object (out);
        g_ptr_array_unref (classes[c].queries);
        g_array_unref (classes[c].ms);
      }
    json_builder_end_object (out);
    json_builder_end_object (out);
    g_array_unref (all_ms);
  }

  json_builder_end_object (out);
  root = json_builder_get_root (out);
  ud_cli_print_json (root);

  if (keep == NULL)
  {
    g_autoptr(GFile) tmp = g_file_new_for_path (dir);
    g_autoptr(GFileEnumerator) children =
      g_file_enumerate_children (tmp, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, NULL);
    GFileInfo *info;

    while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
      {
        g_autoptr(GFile) child = g_file_get_child (tmp, g_file_info_get_name (info));

        g_file_delete (child, NULL, NULL);
        g_object_unref (info);
      }
    g_file_delete (tmp, NULL, NULL);
  }

  return UD_CLI_OK;

failed:
  ud_cli_fail ("%s", error != NULL ? error->message : _("the benchmark failed"));
  return UD_CLI_FAILED;
}
