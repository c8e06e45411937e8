/* ud-hardship-store.h — hardship archives, their households and visits
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-database.h"
#include "ud-hardship-rules.h"
#include "ud-record.h"

G_BEGIN_DECLS

/* Archives are records of ud_kind_hardship_archive in the one record
 * store; their steps are taken with ud_workflow_take().  What is
 * particular is here: a new archive names a member of the roll, its
 * household members are saved with it in one transaction, the category
 * is computed from the rule under the line in force on the application
 * date, a visit is recorded only for a household archived or followed
 * up, and the visits that are due. */

/* A draft for @member dated today. */
UdRecord   *ud_hardship_archive_new      (const UdRecord *member);

/* Validates and saves @archive (new, or a draft over the stored one)
 * with the category computed, its serial number given when new, the
 * member's name, ID number, unit and street copied, and — when
 * @household is not NULL — exactly those household members (records of
 * ud_kind_hardship_household_member; those no longer given are deleted),
 * all in one transaction.  Problems go to @issues; nothing is written
 * then.  Needs UD_PERMISSION_CREATE_APPLICATION. */
gboolean    ud_hardship_archive_save     (UdDatabase     *db,
                                          UdRecord       *archive,
                                          GPtrArray      *household,
                                          GPtrArray      *issues,
                                          GError        **error);

/* The rule's answer for @archive as it is typed (its incomes summed
 * here), under @rules read once with ud_hardship_rules_load(): touches
 * no database, so that an editor shows the category and its reasons at
 * every keystroke.  A case the rule cannot judge (no household, a date
 * before the rules) is FALSE with UD_HARDSHIP_ERROR_INVALID naming the
 * field by its label. */
gboolean    ud_hardship_archive_quote    (UdHardshipRules *rules,
                                          const UdRecord  *archive,
                                          UdHardshipQuote *quote,
                                          GError         **error);

/* The live archive with this serial number, or the latest live archive
 * of the member with this ID number. */
UdRecord   *ud_hardship_store_find       (UdDatabase     *db,
                                          const char     *key,
                                          GError        **error);
/* Its household members, in their order; its visits, oldest first. */
GPtrArray  *ud_hardship_store_household  (UdDatabase     *db,
                                          const UdRecord *archive,
                                          GError        **error);
GPtrArray  *ud_hardship_store_visits     (UdDatabase     *db,
                                          const UdRecord *archive,
                                          GError        **error);

/* Records @visit (a ud_kind_hardship_visit record) to @archive, which is
 * archived or within its 6 months of follow-up after leaving. */
gboolean    ud_hardship_visit_add        (UdDatabase     *db,
                                          const UdRecord *archive,
                                          UdRecord       *visit,
                                          GPtrArray      *issues,
                                          GError        **error);

/* When the next visit of @archive is due: 6 months after the last visit,
 * or after it was archived (or came back) when none has been made since;
 * "" for an archive not followed up. */
char       *ud_hardship_next_visit_due   (UdDatabase     *db,
                                          const UdRecord *archive,
                                          GError        **error);

typedef struct
{
  UdRecord *archive;
  char     *due;       /* YYYY-MM-DD */
} UdHardshipDue;

void        ud_hardship_due_free         (UdHardshipDue  *due);

/* The archives followed up whose next visit was due before @today
 * (YYYY-MM-DD), the longest overdue first. */
GPtrArray  *ud_hardship_store_overdue    (UdDatabase     *db,
                                          const char     *today,
                                          GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdHardshipDue, ud_hardship_due_free)

G_END_DECLS
