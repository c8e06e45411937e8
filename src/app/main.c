/* main.c — starts the UnionDesk desktop app
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "uniondesk"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-application.h"
#include "ud-core.h"
#include "ud-ui-util.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(UdApplication) app = NULL;

  ud_app_init_i18n ();
  ud_core_init ();
  g_set_application_name (_("UnionDesk"));

  app = ud_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
