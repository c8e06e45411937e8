/* ud-child-list.h — the records of a kind that belong to one record
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-record-editor.h"
#include "ud-record-table.h"

G_BEGIN_DECLS

#define UD_TYPE_CHILD_LIST (ud_child_list_get_type ())
G_DECLARE_FINAL_TYPE (UdChildList, ud_child_list, UD, CHILD_LIST, GtkWidget)

/* A record's children in its editor (a member's honours): a
 * UdRecordTable of @editor's kind limited to the records whose
 * @parent_field is the parent's value, and under it Add… (@add_label,
 * translated by the caller), Edit… and Remove.  Add… opens @editor on a
 * new record with @parent_field set, Edit… (or activating a row) on the
 * selected one; Remove asks first, then deletes it on the worker (the
 * core audits it, and may refuse: its sentence is shown in a dialog)
 * with a toast that undoes it.  What may be done follows the account's permissions on
 * the kind; the core checks again.  The list reads again on
 * "records-changed".  Nothing is listed nor can be added until
 * ud_child_list_set_parent(). */
GtkWidget   *ud_child_list_new           (const UdRecordEditorInfo *editor,
                                          const char               *parent_field,
                                          const char               *add_label);
/* The parent, once it is stored: @value is what @parent_field holds in
 * its children (its uuid, its name for a key reference). */
void         ud_child_list_set_parent    (UdChildList              *self,
                                          UdDbWorker               *worker,
                                          const char               *value);
/* The same, for a @parent_field that names the parent by key (a team by
 * its name): @row_id picks the children, @value fills a new one. */
void         ud_child_list_set_parent_keyed (UdChildList           *self,
                                             UdDbWorker            *worker,
                                             gint64                 row_id,
                                             const char            *value);
/* Add… done otherwise than in @editor (a team's member chosen from the
 * roll): @add is called with the parent's value, over the list's window. */
typedef void (*UdChildAddFunc) (UdChildList *list,
                                UdDbWorker  *worker,
                                const char  *parent_value,
                                gpointer     user_data);
void         ud_child_list_set_add_func  (UdChildList              *self,
                                          UdChildAddFunc            add,
                                          gpointer                  user_data,
                                          GDestroyNotify            destroy);
/* The words of the list when empty and of its search. */
void         ud_child_list_set_texts     (UdChildList              *self,
                                          const char               *search_hint,
                                          const char               *empty_title,
                                          const char               *empty_description);
/* How the children are saved, when their domain saves them itself. */
void         ud_child_list_set_save_func (UdChildList              *self,
                                          UdRecordSaveFunc          save);
UdRecordTable *ud_child_list_get_table   (UdChildList              *self);

/* A child list as an editor's group shows it: the group's id in the
 * editor's builder file, the children's editor and the list's words
 * (untranslated: N_ ()). */
typedef struct
{
  const char               *group;
  const UdRecordEditorInfo *editor;
  const char               *add_label;
  const char               *search_hint;
  const char               *empty_title;
  const char               *empty_description;
} UdChildListInfo;

UdChildList *ud_child_list_ensure_in_group (UdRecordEditor        *editor,
                                            const UdChildListInfo *info,
                                            const char            *parent_field,
                                            gboolean              *created);

G_END_DECLS
