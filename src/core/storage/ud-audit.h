/* ud-audit.h — reading the audit trail: the audit view and a record's history
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-database.h"
#include "ud-kind.h"

G_BEGIN_DECLS

#define UD_AUDIT_ERROR (ud_audit_error_quark ())

typedef enum
{
  UD_AUDIT_ERROR_INVALID_FILTER,
  UD_AUDIT_ERROR_BROKEN_CHAIN,
} UdAuditError;

GQuark       ud_audit_error_quark     (void);

/* Entries are written by ud_database_audit() in the same transaction as
 * the change they describe, and the database refuses to update or delete
 * them (triggers audit_log_no_update and audit_log_no_delete).
 *
 * The entries form a hash chain: each carries the SHA-256 of its content
 * and of the entry before it (ids follow each other without a gap), so
 * that an entry inserted, deleted or rewritten with sqlite3 breaks the
 * chain from there on.  The chain is verified by `check`, at each start
 * from the last entry verified before (kept in the meta table as
 * "audit_verified", so that a removed tail is noticed too), and before a
 * restore. */

/* Verifies the chain: from its first entry, or (@incremental) from the
 * last entry verified before, which then moves to the newest when the
 * chain is whole.  FALSE with UD_AUDIT_ERROR_BROKEN_CHAIN naming the
 * first bad entry, whose id @first_bad returns (0 when whole). */
gboolean     ud_audit_verify          (UdDatabase  *db,
                                       gboolean     incremental,
                                       gint64      *first_bad,
                                       GError     **error);

typedef struct
{
  gint64  id;
  char   *at;            /* UTC ISO 8601 */
  char   *actor;         /* user name (or the operating-system user, for the CLI) */
  char   *actor_name;    /* the account's display name, or NULL */
  char   *action;        /* "create", "update", "sign_in_failed", … (ud_audit_actions) */
  char   *kind;          /* "member", "unit", "account", … or NULL */
  char   *uuid;          /* the record, or NULL */
  char   *field;         /* the field changed, or NULL */
  char   *old_value;
  char   *new_value;
  char   *detail;        /* as stored (ud-audit-detail.h) */
  /* What a person knows the record by, as it is now: its kind's title
   * fields (a member's name; an application's serial number and name),
   * an account's name.  NULL when there is none. */
  char   *record_title;
  /* The people the accounts are: user name → the account's name, for
   * the values of UD_FIELD_ACCOUNT fields (who reviewed, who approved),
   * which read as the person's name.  NULL: shown as stored. */
  GHashTable *account_names;
} UdAuditEntry;

void         ud_audit_entry_free      (UdAuditEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdAuditEntry, ud_audit_entry_free)

/* What the audit view filters by; NULL or 0 members do not filter. */
typedef struct
{
  char  *actor;       /* exact user name */
  char  *action;      /* exact action code */
  char  *kind;        /* a kind of record … */
  char  *uuid;        /* … and one record of it */
  char  *from_date;   /* YYYY-MM-DD, local day, inclusive */
  char  *to_date;     /* YYYY-MM-DD, local day, inclusive */
  char  *text;        /* found in the field, values, detail or record id */
  guint  limit;       /* 0 = every entry */
  guint  offset;
} UdAuditFilter;

void         ud_audit_filter_clear    (UdAuditFilter *filter);

/* The action codes the core writes, NULL-terminated, for a filter menu. */
const char * const *ud_audit_actions  (void);
/* A translated name for an action code ("update" → 修改); unknown codes
 * come back as they are. */
const char  *ud_audit_action_label    (const char    *action);

/* Things the trail names that are not records of a registered kind
 * (an account, the budget of a fund year, a reference table): described
 * like a kind — only its name, label and fields are read — so that the
 * trail reads their fields and values the same way.  Done once, from
 * ud_core_init(), like ud_kind_register(). */
void         ud_audit_describe        (const UdKind  *subject);

/* How an entry reads, in the reader's language: the audit view, a
 * record's history, `uniondesk-cli audit` and the CSV export all read it
 * so. */

/* The kind's name ("Member"), or "" without a kind. */
const char  *ud_audit_kind_label      (const char         *kind);
/* "李明 (liming)": the person's name, then the user name; the user name
 * alone when the account has no other name. */
char        *ud_audit_entry_actor     (const UdAuditEntry *entry);
/* The record as a person knows it (record_title), or "" (no record, or
 * one that is not here). */
char        *ud_audit_entry_record    (const UdAuditEntry *entry);
/* The field's label, or "" without a field. */
const char  *ud_audit_entry_field     (const UdAuditEntry *entry);
/* A field's change, "old → new" with choices as their labels, money in
 * yuan and accounts as the person's name; a whole record, created or
 * deleted, as "Name: 李明; …".  ID,
 * phone and card numbers masked when @masked.  Without a field or
 * values, the detail (ud_audit_entry_detail()). */
char        *ud_audit_entry_change    (const UdAuditEntry *entry,
                                       gboolean            masked);
/* The detail as a sentence (ud-audit-detail.h), or "". */
char        *ud_audit_entry_detail    (const UdAuditEntry *entry);

/* Entries matching @filter (NULL = all), newest first, with paging.
 * Needs UD_PERMISSION_VIEW_AUDIT.  A date that is not YYYY-MM-DD is an
 * error naming the field. */
GPtrArray   *ud_audit_query           (UdDatabase          *db,
                                       const UdAuditFilter *filter,
                                       GError             **error);
/* How many entries match (limit and offset ignored), for the view's
 * count and pages.  -1 on error. */
gint64       ud_audit_count           (UdDatabase          *db,
                                       const UdAuditFilter *filter,
                                       GError             **error);
/* The user names that appear in the trail, sorted, for a filter menu. */
GPtrArray   *ud_audit_list_actors     (UdDatabase          *db,
                                       GError             **error);

/* Writes the matching entries (limit and offset ignored) as UTF-8 CSV
 * with a BOM, times in local time, and records the export in the trail
 * itself.  Needs UD_PERMISSION_VIEW_AUDIT.  Returns the number of
 * entries written, or -1. */
gint64       ud_audit_export_csv      (UdDatabase          *db,
                                       const UdAuditFilter *filter,
                                       const char          *path,
                                       GError             **error);

/* One record's history, newest first, for its editor.  Needs the
 * permission to view that kind of record (members and units:
 * UD_PERMISSION_VIEW_MEMBERS; accounts: UD_PERMISSION_ADMINISTER). */
GPtrArray   *ud_audit_record_history  (UdDatabase          *db,
                                       const char          *kind,
                                       const char          *uuid,
                                       GError             **error);

/* Records that a printed form or PDF (@document, e.g. the form's title
 * or file) carried the personal data of @kind/@uuid.  Needs
 * UD_PERMISSION_PRINT_FORMS. */
gboolean     ud_database_audit_print  (UdDatabase          *db,
                                       const char          *kind,
                                       const char          *uuid,
                                       const char          *document,
                                       GError             **error);

G_END_DECLS
