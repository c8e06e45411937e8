/* ud-kind.h — the one description of each kind of record
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-types.h"

G_BEGIN_DECLS

/* Each kind of record is described once, in a table of fields, the way
 * Evolution's EContactField describes contact fields.  List columns, CSV
 * import and export, JSON for sync, the audit log and field-level
 * validation all read this description, so adding a field is one edit.
 */

typedef enum
{
  UD_FIELD_TEXT,
  UD_FIELD_DATE,         /* ISO YYYY-MM-DD */
  UD_FIELD_CHOICE,       /* one of field->choices */
  UD_FIELD_INT,
  UD_FIELD_MONEY,        /* fen in storage, "12,000.00" on screen */
  UD_FIELD_ID_NUMBER,    /* GB 11643 resident ID number */
  UD_FIELD_PHONE,        /* mobile phone */
  UD_FIELD_CARD,         /* 京卡·互助服务卡 number */
  UD_FIELD_CREDIT_CODE,  /* GB 32100 unified social credit code */
  UD_FIELD_UNIT_REF,     /* a unit, by name in records, by id in storage */
} UdFieldType;

typedef enum
{
  UD_FIELD_REQUIRED    = 1 << 0,
  UD_FIELD_SYNCED      = 1 << 1,  /* part of the JSON sent to the city server */
  UD_FIELD_LIST        = 1 << 2,  /* a column in the list view */
  UD_FIELD_CSV         = 1 << 3,  /* read and written by import and export */
  UD_FIELD_DERIVED     = 1 << 4,  /* computed from other fields, never typed */
  UD_FIELD_SORTABLE    = 1 << 5,  /* the list may sort by it (indexed) */
  UD_FIELD_MULTILINE   = 1 << 6,
  UD_FIELD_NOT_FUTURE  = 1 << 7,  /* a date that cannot lie ahead (joined on) */
} UdFieldFlags;

typedef enum
{
  UD_SENSITIVITY_NONE,
  UD_SENSITIVITY_PERSONAL,    /* personal data: exports and prints are audited */
  UD_SENSITIVITY_IDENTIFIER,  /* masked in lists (ID, card, phone) */
} UdSensitivity;

typedef struct
{
  const char *value;           /* stored and synced code, e.g. "migrant" */
  const char *label;           /* N_() English label, translated on screen */
  const char *csv;             /* the value offices write in their rosters, e.g. "农民工" */
  const char * const *aliases; /* other accepted spellings, NULL-terminated or NULL */
} UdChoice;

struct _UdField
{
  const char          *name;        /* column name and JSON key */
  UdFieldType          type;
  const char          *label;       /* N_() English label */
  const char          *csv_header;  /* the header offices use, e.g. "身份证号" */
  const char * const  *aliases;     /* other accepted CSV headers, NULL-terminated */
  UdFieldFlags         flags;
  UdSensitivity        sensitivity;
  const UdChoice      *choices;
  guint                n_choices;
  guint                max_length;  /* in characters, 0 = no limit */
  guint                width_chars; /* list column width hint */
  const char          *default_value; /* stored when left empty, or NULL */
};

struct _UdKind
{
  const char    *name;    /* "member": sync kind and audit kind */
  const char    *table;   /* SQL table */
  const char    *label;   /* N_() */
  const UdField *fields;
  guint          n_fields;
};

extern const UdKind ud_kind_member;
extern const UdKind ud_kind_unit;
/* 大病救助: a serious-illness relief application (DESIGN §3, DOMAIN §3).
 * The fields a clerk types come first; the suggestion the rules compute
 * and the workflow's state are UD_FIELD_DERIVED: only the application
 * store (src/core/relief/ud-illness-store.h) writes them. */
extern const UdKind ud_kind_illness_application;
/* A step of an application's trail (illness_step), as it is synced. */
extern const UdKind ud_kind_illness_step;

const UdField  *ud_kind_find_field        (const UdKind  *kind,
                                           const char    *name);
int             ud_kind_field_index       (const UdKind  *kind,
                                           const char    *name);
const UdField  *ud_kind_match_csv_header  (const UdKind  *kind,
                                           const char    *header);
const UdChoice *ud_field_find_choice      (const UdField *field,
                                           const char    *text);
const char     *ud_field_choice_label     (const UdField *field,
                                           const char    *value);

/* A problem with one field of a record: an error stops the save, a warning
 * (a card number failing the Luhn check, a 15-digit ID upgraded) does not.
 */
typedef struct
{
  const UdField *field;     /* NULL for a problem with the whole record */
  char          *code;      /* stable code: "required", "invalid_checksum", … */
  char          *message;   /* translated sentence naming the field */
  gboolean       warning;
} UdIssue;

UdIssue  *ud_issue_new   (const UdField *field,
                          const char    *code,
                          gboolean       warning,
                          const char    *format,
                          ...) G_GNUC_PRINTF (4, 5);
void      ud_issue_free  (UdIssue       *issue);
GPtrArray *ud_issue_list_new (void);
gboolean  ud_issue_list_has_errors (GPtrArray *issues);

/* Normalises @input for @field: trims, validates, converts to the stored
 * form (upper-case X, ISO dates, fen, choice codes).  Returns the new
 * value, or NULL and appends an error to @issues.  Warnings are appended
 * too.  An empty input returns "" (required-ness is checked by the caller
 * that knows the whole record).
 */
char     *ud_field_normalize   (const UdField *field,
                                const char    *input,
                                GPtrArray     *issues);

/* The value as a person should see it: choice labels translated, money
 * formatted, identifiers masked when @masked.
 */
char     *ud_field_display     (const UdField *field,
                                const char    *value,
                                gboolean       masked);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdIssue, ud_issue_free)

G_END_DECLS
