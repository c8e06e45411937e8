/* ud-illness-suggestion.h — the relief rules applied to an application
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-database.h"
#include "ud-record.h"
#include "ud-relief.h"

G_BEGIN_DECLS

/* What the rules engine (ud-relief.h: ud_relief_quote()) suggests for an
 * application: its case read from the application's fields, the facts
 * about the member from the database, the suggestion and its reasons
 * written back into the application's derived fields. */

/* What the rules need to know besides the application itself. */
typedef struct
{
  gboolean  member_active;   /* the member's status is active */
  GArray   *prior_reliefs;   /* GDate: the days illness reliefs were approved
                              * for the member, this application excepted */
} UdIllnessFacts;

void         ud_illness_facts_free           (UdIllnessFacts *facts);
/* Needs UD_PERMISSION_VIEW_MEMBERS. */
UdIllnessFacts *ud_illness_store_get_facts   (UdDatabase     *db,
                                              const UdRecord *application,
                                              GError        **error);

/* The suggestion for @application, touching no database: the app
 * recomputes it as the clerk types.  Fields are checked on a copy;
 * problems go to @issues (may be NULL) and an error names the first.
 * A case the rules do not allow is a quote too (not eligible, with the
 * failed rules and reasons). */
gboolean     ud_illness_application_quote    (UdReliefRules         *rules,
                                              const UdRecord        *application,
                                              const UdIllnessFacts  *facts,
                                              UdReliefQuote         *out,
                                              GPtrArray             *issues,
                                              GError               **error);

/* Within a transaction: the suggestion of the rules in @db for
 * @application (already checked) and the versions of the tables in force
 * on its date, written into its derived fields; the versions are marked
 * as used when this is a decision (@decision).  *@rules_out (may be
 * NULL) gets the rules used. */
gboolean     _ud_illness_compute_suggestion  (UdDatabase            *db,
                                              UdRecord              *application,
                                              gboolean               decision,
                                              UdReliefRules        **rules_out,
                                              UdReliefQuote         *quote,
                                              GPtrArray             *issues,
                                              GError               **error);

/* Live applications of @kind by serial number: of one fund year (0: any),
 * status and member when given.  No permission check. */
GPtrArray   *_ud_illness_select              (UdDatabase            *db,
                                              const UdKind          *kind,
                                              guint                  year,
                                              const char            *status,
                                              const char            *member_uuid,
                                              GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdIllnessFacts, ud_illness_facts_free)

G_END_DECLS
