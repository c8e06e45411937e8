/* ud-member-chooser.h — finding a member on the roll, for any register
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-db-worker.h"
#include "ud-record.h"

G_BEGIN_DECLS

/* A search field over a list of members: what is typed (name, pinyin,
 * ID number or a piece of it, card, phone, unit) is looked up by the
 * core's member search on the worker, ranked and capped as the core
 * gives it; each row shows the name, the ID number masked unless the
 * account may see it whole (and the preference asks for it), the unit
 * and the membership status.  Typing goes to the search, Down moves into
 * the list, Enter chooses.  A filter narrows whom it offers (a status,
 * model workers only, members already chosen left out, or any test).
 *
 * "member-chosen" (UdRecord *member): a row was activated (Enter, a
 * double click, a press of the row).  A single click or the arrows only
 * select: ud_member_chooser_get_selected(), "selection-changed". */

#define UD_TYPE_MEMBER_CHOOSER (ud_member_chooser_get_type ())
G_DECLARE_FINAL_TYPE (UdMemberChooser, ud_member_chooser, UD, MEMBER_CHOOSER, GtkWidget)

/* How many members a search shows at most. */
#define UD_MEMBER_CHOOSER_LIMIT 50

/* Main thread: whether @member may be offered. */
typedef gboolean (*UdMemberFilterFunc) (const UdRecord *member,
                                        gpointer        user_data);

GtkWidget  *ud_member_chooser_new              (UdDbWorker         *worker);
void        ud_member_chooser_set_worker       (UdMemberChooser    *self,
                                                UdDbWorker         *worker);
/* Only members of this membership status (a choice code; NULL: any) and
 * model workers of this title (a choice code, "*" any title; NULL:
 * anyone). */
void        ud_member_chooser_set_offered      (UdMemberChooser    *self,
                                                const char         *status,
                                                const char         *model_worker);
/* Leaves out the members with these uuids (NULL: nobody). */
void        ud_member_chooser_set_excluded     (UdMemberChooser    *self,
                                                const char * const *uuids);
void        ud_member_chooser_set_filter_func  (UdMemberChooser    *self,
                                                UdMemberFilterFunc  func,
                                                gpointer            user_data,
                                                GDestroyNotify      destroy);
/* Searches again (the filter changed, or the roll). */
void        ud_member_chooser_refresh          (UdMemberChooser    *self);
/* The member of the selected row, or NULL. */
UdRecord   *ud_member_chooser_get_selected     (UdMemberChooser    *self);
/* Rows shown by the last search that came back. */
guint       ud_member_chooser_get_n_results    (UdMemberChooser    *self);
/* Whether no search is running. */
gboolean    ud_member_chooser_get_ready        (UdMemberChooser    *self);
void        ud_member_chooser_focus_search     (UdMemberChooser    *self);

/* The chooser as a dialog: a modal window titled @title over @parent with
 * Cancel and a button labelled @accept_label, the chooser, then what
 * ud_member_chooser_dialog_add() puts under it.  The button is
 * pressable once a member is selected; pressing it (or Enter on a row
 * when nothing was added under the chooser) calls @accept with the
 * member, the button insensitive until the caller answers: closing the
 * window, or ud_member_chooser_dialog_show_problem(). */
typedef void (*UdMemberChooserAccept) (GtkWindow *dialog,
                                       UdRecord  *member,
                                       gpointer   user_data);

GtkWindow       *ud_member_chooser_dialog_new          (GtkWindow             *parent,
                                                        UdDbWorker            *worker,
                                                        const char            *title,
                                                        const char            *accept_label,
                                                        const char            *description,
                                                        UdMemberChooserAccept  accept,
                                                        gpointer               user_data,
                                                        GDestroyNotify         destroy);
UdMemberChooser *ud_member_chooser_dialog_get_chooser  (GtkWindow             *dialog);
/* A widget (a preferences group, say) under the chooser. */
void             ud_member_chooser_dialog_add          (GtkWindow             *dialog,
                                                        GtkWidget             *widget);
/* Shows @problem (NULL: hides it) and makes the button pressable again. */
void             ud_member_chooser_dialog_show_problem (GtkWindow             *dialog,
                                                        const char            *problem);

G_END_DECLS
