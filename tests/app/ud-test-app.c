/* ud-test-app.c — what the display tests share
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gstdio.h>

#include "ud-core.h"
#include "ud-test-app.h"
#include "ud-account.h"
#include "ud-ui-util.h"

static gboolean
tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
ud_test_init (int    *argc,
              char ***argv)
{
  ud_app_init_i18n ();
  g_test_init (argc, argv, NULL);
  ud_core_init ();
  gtk_init ();
  adw_init ();
  ud_app_init_display ();
  ud_test_load_style ();
}

/* Spins the main loop until @condition holds (or 60 s pass). */
gboolean
ud_test_wait_for (UdTestCondition condition,
          gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  guint ticker = g_timeout_add (20, tick, NULL);
  gboolean ok;

  while (!(ok = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (ticker);
  return ok;
}

/* Lets GTK lay out and draw for a while. */
void
ud_test_settle (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;
  guint ticker = g_timeout_add (10, tick, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (ticker);
}

typedef gboolean (*UdTestWidgetMatch) (GtkWidget *widget,
                                 gpointer   data);

GtkWidget *
ud_test_find_widget (GtkWidget   *root,
             UdTestWidgetMatch  match,
             gpointer     data)
{
  GtkWidget *child;

  if (match (root, data))
    return root;

  for (child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ud_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

gboolean
ud_test_is_button_with_label (GtkWidget *widget,
                      gpointer   data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

gboolean
ud_test_file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_IS_REGULAR);
}

gboolean
ud_test_is_true (gpointer data)
{
  return *(gboolean *)data;
}

gboolean
ud_test_widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

typedef struct
{
  GtkWidget  *widget;
  GdkTexture *texture;
} Shot;

static void
take_shot (GdkFrameClock *clock,
           Shot          *shot)
{
  GtkWidget *widget = shot->widget;
  GdkPaintable *paintable;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (shot->texture != NULL || width <= 0 || height <= 0)
    return;

  /* Right after a frame was drawn, the window's rendering is fresh. */
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.98, 0.98, 0.98, 1.0 },
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  g_object_unref (paintable);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  /* Only the background: the window has not been rendered yet. */
  if (gsk_render_node_get_node_type (node) == GSK_COLOR_NODE)
    {
      gsk_render_node_unref (node);
      gtk_widget_queue_draw (widget);
      return;
    }

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  shot->texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
}

static gboolean
shot_taken (gpointer data)
{
  return ((Shot *)data)->texture != NULL;
}

void
ud_test_save_screenshot (GtkWidget  *widget,
                 const char *path,
                 goffset     min_size)
{
  GdkFrameClock *clock;
  Shot shot = { widget, NULL };
  GStatBuf buf;
  gulong handler;

  g_assert_true (ud_test_wait_for (ud_test_widget_mapped, widget));
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (take_shot), &shot);
  gtk_widget_queue_draw (widget);
  g_assert_true (ud_test_wait_for (shot_taken, &shot));
  g_signal_handler_disconnect (clock, handler);

  g_assert_true (gdk_texture_save_to_png (shot.texture, path));
  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  /* A blank window compresses to a few hundred bytes. */
  g_assert_cmpint (buf.st_size, >, min_size);
  g_test_message ("screenshot: %s (%dx%d)", path,
                  gdk_texture_get_width (shot.texture), gdk_texture_get_height (shot.texture));
  g_object_unref (shot.texture);
}

const char *
ud_test_screenshot_suffix (void)
{
  const char *messages = setlocale (LC_MESSAGES, NULL);

  return (messages != NULL && g_str_has_prefix (messages, "zh_CN")) ? "-zh_CN" : "";
}

void
ud_test_save_named_screenshot (GtkWidget  *widget,
                               const char *stem,
                               goffset     min_size)
{
  g_autofree char *name = g_strdup_printf ("%s%s.png", stem, ud_test_screenshot_suffix ());
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);

  ud_test_save_screenshot (widget, path, min_size);
}

void
ud_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

void
ud_test_load_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  /* AdwApplication loads it in the app; the test has no application. */
  gtk_css_provider_load_from_resource (provider, "/io/github/uniondesk/UnionDesk/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}


UdDbWorker *
ud_test_new_office (const char    *dir,
                    const char    *username,
                    UdTestPrepare  prepare,
                    gpointer       data)
{
  static const struct { const char *username; const char *name; UdRole roles; } accounts[] = {
    { "clerk", "王经办", UD_ROLE_CLERK },
    { "reviewer", "李审核", UD_ROLE_REVIEWER },
    { "approver", "张审批", UD_ROLE_APPROVER },
  };
  g_autofree char *path = g_build_filename (dir, "office.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(UdSession) admin = NULL;
  UdDbWorker *worker;
  UdDatabase *db;

  db = ud_database_open (path, &error);
  g_assert_no_error (error);
  ud_account_initialize_office (db, "110118", "北京市密云区总工会",
                                "admin", "赵管理", UD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  admin = ud_account_authenticate (db, "admin", UD_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  ud_database_set_session (db, admin);
  for (gsize i = 0; i < G_N_ELEMENTS (accounts); i++)
    {
      ud_account_create (db, accounts[i].username, accounts[i].name, accounts[i].roles,
                         UD_TEST_PASSWORD, &error);
      g_assert_no_error (error);
    }
  if (prepare != NULL)
    prepare (db, data);
  ud_database_set_session (db, NULL);

  worker = ud_db_worker_new (db);
  if (username != NULL)
    ud_test_sign_in (worker, username);

  return worker;
}

typedef struct
{
  gboolean  done;
  GError   *error;
} SignInWait;

static void
sign_in_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SignInWait *wait = user_data;

  if (g_task_get_source_tag (G_TASK (result)) == ud_db_worker_sign_out_async)
    ud_db_worker_sign_out_finish (UD_DB_WORKER (object), result, &wait->error);
  else
    ud_db_worker_sign_in_finish (UD_DB_WORKER (object), result, &wait->error);
  wait->done = TRUE;
}

void
ud_test_sign_in (UdDbWorker *worker,
                 const char *username)
{
  SignInWait wait = { FALSE, NULL };

  if (username != NULL)
    ud_db_worker_sign_in_async (worker, username, UD_TEST_PASSWORD, NULL, sign_in_done, &wait);
  else
    ud_db_worker_sign_out_async (worker, NULL, sign_in_done, &wait);
  g_assert_true (ud_test_wait_for (ud_test_is_true, &wait.done));
  g_assert_no_error (wait.error);
  if (username != NULL)
    g_assert_cmpstr (ud_session_get_username (ud_db_worker_get_session (worker)), ==, username);
  else
    g_assert_null (ud_db_worker_get_session (worker));
}
