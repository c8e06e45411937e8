/* ud-kind.h — the one description of each kind of record, and their registry
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-field.h"
#include "ud-kind-workflow.h"
#include "ud-types.h"

G_BEGIN_DECLS

/* Each kind of record is described once, in a table of fields, the way
 * Evolution's EContactField describes contact fields.  The generic record
 * store (its SQL, its audit entries and outbox), list columns, sorting,
 * filters and search, CSV import and export, JSON for sync, the audit
 * log, the schema test and field-level validation all read this
 * description, so adding a field is one edit.  A kind adds code of its
 * own (UdKindHooks) only where it is really particular.
 *
 * Domains describe their kinds in src/core/domains/<domain>/ and register
 * them with ud_kind_register(), all from ud_core_init().
 */

typedef enum
{
  /* Written once and never changed nor deleted: the workflow trail. */
  UD_KIND_APPEND_ONLY = 1 << 0,
  /* Imported from and exported to the rosters offices keep (CSV,
   * Excel), with its UD_FIELD_CSV fields. */
  UD_KIND_ROSTER      = 1 << 1,
  /* Its rows are a hash chain, like the audit trail: each carries, in the
   * column "hash", the SHA-256 of its values and of the row before it
   * (ud_chain_hash()), so that a row changed or removed behind
   * UnionDesk's back is found (ud_database_check()).  With
   * UD_KIND_APPEND_ONLY. */
  UD_KIND_CHAINED     = 1 << 2,
} UdKindFlags;

/* Money or relief given to a person: what the city server's duplicate-aid
 * check (DESIGN §7, City view) reads from a record of the kind. */
typedef struct
{
  const char         *person_field;    /* the person's ID number */
  const char * const *date_fields;     /* the aid's date: the first of them that is set */
  const char         *state_field;     /* NULL: aid whatever its state */
  const char * const *granted_states;  /* the states in which it is aid given */
} UdAidDescription;

/* What a kind's own index (UdKindHooks.bulk) does around many writes at
 * once: an import, a generated roll, a pulled page, a district's
 * snapshot. */
typedef enum
{
  /* Collect the index's changes in memory; write them at END. */
  UD_KIND_BULK_COLLECT,
  UD_KIND_BULK_END,
  /* Change nothing record by record: build the whole index anew at BUILD,
   * even in a later transaction (the database says so until then, so
   * that a program stopped on the way builds it when it next opens). */
  UD_KIND_BULK_DEFER,
  UD_KIND_BULK_BUILD,
  /* The transaction was rolled back: forget what was collected. */
  UD_KIND_BULK_FORGET,
  /* Forget what was collected and the deferral. */
  UD_KIND_BULK_ABORT,
  /* Within the writes' transaction: the records added from now on (row
   * ids past the table's last) are left out of the index, which a
   * background fill (UdKindHooks.fill) completes after the commit; the
   * database keeps the mark, so that a program stopped before the fill
   * ends resumes it.  Changes of older records are collected as with
   * COLLECT and written at END. */
  UD_KIND_BULK_LATER,
} UdKindBulk;

/* A list query (ud-record-store.h), for UdKindHooks.query. */
struct _UdRecordQuery;
struct _GCancellable;

/* What is particular to a kind, as code.  Every member may be NULL. */
typedef struct
{
  /* Checks across fields once each field is normalised, and corrects
   * what follows from another field (a member's sex and birth date from
   * the ID number); appends problems to @issues.  @fields_ok: every
   * field is valid on its own (else only some may be read). */
  void      (*validate)  (UdRecord      *record,
                          GPtrArray     *issues,
                          gboolean       fields_ok);
  /* Fills the fields the kind computes from the others, such as the
   * UD_FIELD_LOCAL pinyin of a name; called on every write, typed or
   * pulled. */
  void      (*derive)    (UdRecord      *record);
  /* Keeps the kind's own search index in step with a write of row @id:
   * from @before (what was indexed: NULL for a new record or one that
   * was deleted) to @after (NULL when the record is deleted). */
  gboolean  (*index)     (UdDatabase    *db,
                          gint64         id,
                          const UdRecord *before,
                          const UdRecord *after,
                          GError       **error);
  /* Appends to @sql an SQL condition on the row id "t.id" that holds for
   * the records matching one word of a list's search text, its values
   * bound as text in @values (numbered from values->len + 1).  Kinds
   * without it match the word in their UD_FIELD_SEARCH fields. */
  void      (*search)    (const char    *word,
                          GString       *sql,
                          GPtrArray     *values);
  /* Many writes at once: see UdKindBulk.  Within the writes'
   * transaction (DEFER and BUILD: within a transaction). */
  gboolean  (*bulk)      (UdDatabase    *db,
                          UdKindBulk     step,
                          GError       **error);
  /* Once the database is open and migrated, before anything else: puts
   * right what the kind keeps besides its table (an index a migration
   * or an interrupted batch left to be built), in a transaction of its
   * own. */
  gboolean  (*opened)    (UdDatabase    *db,
                          GError       **error);
  /* Indexes up to @max_records (0: all) of the records UD_KIND_BULK_LATER
   * left out, in a transaction of its own; @left (may be NULL) is how many
   * are still left out after it. */
  gboolean  (*fill)      (UdDatabase    *db,
                          guint          max_records,
                          guint64       *left,
                          struct _GCancellable *cancellable,
                          GError       **error);
  /* The domain's own rules for a record that arrives from elsewhere (a
   * push, a pulled page), once its fields and its workflow have passed
   * (ud_received_check()): an amount within the rules and the fund.
   * @db is the receiving office's database, or NULL on the city server,
   * which knows only what is shipped with the program. */
  void      (*received)  (UdDatabase    *db,
                          UdRecord      *record,
                          GPtrArray     *issues);
  /* A roster row read into @record (ud-import.h), before it is checked:
   * the kind completes what a roster does not carry and a typed record
   * gets from its domain's save — a reference named by another record's
   * identifier, a serial number, the state of a record with a workflow —
   * and may name in *@existing the stored record the row updates when no
   * natural key says it.  Called again over that record.  Problems with
   * the row go to @issues (the row is refused); FALSE with @error stops
   * the import.  Within the import's transaction. */
  gboolean  (*import_row) (UdDatabase    *db,
                           UdRecord      *record,
                           UdRecord     **existing,
                           GPtrArray     *issues,
                           GError       **error);
  /* After an imported row is written (@created: a new record): what the
   * domain's save writes with it, such as the first entry of its trail. */
  gboolean  (*imported)  (UdDatabase    *db,
                          const UdRecord *record,
                          gboolean       created,
                          GError       **error);
  /* Answers a list query (ud_record_store_query ()) from what the kind
   * keeps of its own — the member roll's order in memory and its search
   * index — instead of the SQL built from the fields: the row ids in
   * order, at most query->limit of them (0: all; the cursor is the
   * store's), search text ranked as the kind ranks it.  NULL with
   * *@answered FALSE when it cannot (a filter it does not know): the
   * store's SQL answers then. */
  GArray   *(*query)     (UdDatabase                  *db,
                          const struct _UdRecordQuery *query,
                          gboolean                    *answered,
                          struct _GCancellable        *cancellable,
                          GError                     **error);
  /* Within the transaction of ud_record_store_delete () or
   * ud_record_store_undelete (): just before @record is written deleted
   * (what names it goes first, and is pushed first), or just after it is
   * written live again (@before: the tombstone, with its hlc).  FALSE
   * with @error refuses the whole change (a team that still holds paid
   * households); the kind deletes or brings back what belongs to the
   * record with it (_ud_record_store_write (): synced and audited, each
   * of them). */
  gboolean  (*deleted)   (UdDatabase     *db,
                          const UdRecord *before,
                          const UdRecord *record,
                          GError        **error);
} UdKindHooks;

struct _UdKind
{
  const char    *name;    /* "member": sync kind and audit kind */
  const char    *table;   /* SQL table */
  const char    *label;   /* N_() */
  const UdField *fields;
  guint          n_fields;

  UdKindFlags         flags;
  /* Fields each of which alone identifies a live record (a member's ID
   * number; a unit's credit code, else its name): the same record
   * entered in two offices, an import's update, a duplicate refused.
   * Tried in order.  NULL-terminated, or NULL. */
  const char * const *natural_keys;
  /* What a person recognises a record by, joined by a space: a member's
   * name, an application's serial number and name.  NULL-terminated. */
  const char * const *title_fields;
  /* The list's order when none is chosen. */
  const char         *sort_field;
  UdPermission        view_permission;
  UdPermission        edit_permission;
  UdPermission        delete_permission;
  /* UD_KIND_ROSTER: who may import a roster of the kind, and export one. */
  UdPermission        import_permission;
  UdPermission        export_permission;
  /* The states its records go through, or NULL (ud-workflow.h). */
  const UdWorkflow   *workflow;
  const UdAidDescription *aid;
  const UdKindHooks  *hooks;
  /* Required fields its import hook fills when a roster has no column
   * for them (an archive's application date, the day it was archived),
   * NULL-terminated, or NULL. */
  const char * const *import_filled;
  /* Earlier names of the kind, still found in old audit entries and
   * sent by offices that have not been updated ("illness_step"). */
  const char * const *former_names;
};

const UdField  *ud_kind_find_field        (const UdKind  *kind,
                                           const char    *name);
int             ud_kind_field_index       (const UdKind  *kind,
                                           const char    *name);
/* The translated label of the field @name, as messages name it. */
const char     *ud_kind_get_field_label   (const UdKind  *kind,
                                           const char    *name);
const UdField  *ud_kind_match_csv_header  (const UdKind  *kind,
                                           const char    *header);
/* A field that refers to @other (UD_FIELD_PARENT first), or NULL. */
const UdField  *ud_kind_find_reference_to (const UdKind  *kind,
                                           const UdKind  *other);

/* ---- the registry ---- */

/* Adds @kind to the kinds every layer knows.  A kind comes after the
 * kinds it refers to: registration order is the order in which changes
 * are pushed to the city server.  Done once per program, from
 * ud_core_init(), before any thread reads the registry. */
void            ud_kind_register          (const UdKind  *kind);
/* The kind named @name (or formerly named so), or NULL. */
const UdKind   *ud_kind_lookup            (const char    *name);
/* Every registered kind, in registration order.  @n_kinds may be NULL;
 * the array is NULL-terminated. */
const UdKind * const *ud_kind_list        (guint         *n_kinds);

G_END_DECLS
