/* ud-section.c — what a section of the main window may add to it
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-section"

#include "config.h"

#include "ud-section.h"

G_DEFINE_INTERFACE (UdSection, ud_section, GTK_TYPE_WIDGET)

static void
ud_section_default_init (UdSectionInterface *iface)
{
}

void
ud_section_attach (UdSection    *self,
                   GtkWindow    *window,
                   AdwHeaderBar *header_bar)
{
  UdSectionInterface *iface;

  g_return_if_fail (UD_IS_SECTION (self));
  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (ADW_IS_HEADER_BAR (header_bar));

  iface = UD_SECTION_GET_IFACE (self);
  if (iface->attach != NULL)
    iface->attach (self, window, header_bar);
}
