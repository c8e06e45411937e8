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
 * selected one; Remove deletes it on the worker with a toast that undoes
 * it.  What may be done follows the account's permissions on the kind;
 * the core checks again.  The list reads again on "records-changed".
 * Nothing is listed nor can be added until ud_child_list_set_parent(). */
GtkWidget   *ud_child_list_new           (const UdRecordEditorInfo *editor,
                                          const char               *parent_field,
                                          const char               *add_label);
/* The parent, once it is stored: @value is what @parent_field holds in
 * its children (its uuid, its name for a key reference). */
void         ud_child_list_set_parent    (UdChildList              *self,
                                          UdDbWorker               *worker,
                                          const char               *value);
/* How the children are saved, when their domain saves them itself. */
void         ud_child_list_set_save_func (UdChildList              *self,
                                          UdRecordSaveFunc          save);
UdRecordTable *ud_child_list_get_table   (UdChildList              *self);

G_END_DECLS
