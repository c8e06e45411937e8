/* ud-section.h — what a section of the main window may add to it
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define UD_TYPE_SECTION (ud_section_get_type ())
G_DECLARE_INTERFACE (UdSection, ud_section, UD, SECTION, GtkWidget)

/* A section is any widget the main window lists in its sidebar (its
 * table of sections says which, for whom).  A section that needs more of
 * the window than its page implements this interface: the window calls
 * attach() once, after adding the page, so that the section never needs
 * to know the window's type. */
struct _UdSectionInterface
{
  GTypeInterface parent_iface;

  /* Actions and shortcuts on @window, a widget at the end of the header
   * bar above the sections (@header_bar). */
  void (*attach) (UdSection    *self,
                  GtkWindow    *window,
                  AdwHeaderBar *header_bar);
};

void ud_section_attach (UdSection    *self,
                        GtkWindow    *window,
                        AdwHeaderBar *header_bar);

G_END_DECLS
