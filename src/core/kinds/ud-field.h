/* ud-field.h — one field of a kind of record: its description and values
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-types.h"

G_BEGIN_DECLS

/* A NULL-terminated list of strings in a static table: the CSV header
 * aliases of a field, a kind's natural keys. */
#define UD_STRV(...) ((const char * const []) { __VA_ARGS__, NULL })

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
  UD_FIELD_REFERENCE,    /* another record: field->reference says which */
  UD_FIELD_DECIMAL,      /* a number with up to two decimals (an area in m²), kept as
                          * text in its shortest form ("9.5"); never negative */
} UdFieldType;

typedef enum
{
  UD_FIELD_REQUIRED    = 1 << 0,
  UD_FIELD_SYNCED      = 1 << 1,  /* part of the JSON sent to the city server */
  UD_FIELD_LIST        = 1 << 2,  /* a column in the list view */
  UD_FIELD_CSV         = 1 << 3,  /* read and written by import and export */
  UD_FIELD_DERIVED     = 1 << 4,  /* computed from other fields or by the workflow, never typed */
  UD_FIELD_SORTABLE    = 1 << 5,  /* the list may sort by it (indexed) */
  UD_FIELD_MULTILINE   = 1 << 6,
  UD_FIELD_NOT_FUTURE  = 1 << 7,  /* a date that cannot lie ahead (joined on) */
  UD_FIELD_LOCAL       = 1 << 8,  /* kept here only, never synced, exported or audited:
                                   * a help for this office's lists (a name's pinyin) */
  UD_FIELD_SEARCH      = 1 << 9,  /* a list's search text looks in it */
  UD_FIELD_FILTER      = 1 << 10, /* a list may show only the records with one value of it */
  UD_FIELD_PARENT      = 1 << 11, /* the record this one belongs to (a reference) */
  UD_FIELD_TEXT_COLUMN = 1 << 12, /* a number kept in a text column ('' when empty) */
  UD_FIELD_SET         = 1 << 13, /* UD_FIELD_CHOICE: any number of the choices, their
                                   * values comma-separated in the choices' order */
  UD_FIELD_ACCOUNT     = 1 << 14, /* a staff account's user name (who created,
                                   * reviewed, decided): shown as the person's name */
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

/* How a field names another record. */
typedef enum
{
  /* The value is the other record's uuid, kept as text: an application's
   * member.  The sync client follows it through the records merged from
   * other offices (sync_alias). */
  UD_REFERENCE_UUID,
  /* The value is the other record's key field (a unit's name), kept as
   * the other record's row id in field->column: a member's unit. */
  UD_REFERENCE_KEY,
} UdReferenceStyle;

typedef struct
{
  const char       *kind;            /* the kind referred to, "unit"; NULL: kind_field says */
  UdReferenceStyle  style;
  const char       *key_field;       /* UD_REFERENCE_KEY: the other kind's field that names it */
  /* UD_REFERENCE_KEY: a name not known yet makes a new record of the
   * other kind (a member's new unit) instead of an error. */
  gboolean          create_missing;
  /* A reference to records of several kinds (a trail step's record): the
   * field of this kind that holds the other record's kind. */
  const char       *kind_field;
} UdReference;

struct _UdField
{
  const char          *name;        /* JSON key, and column unless @column says otherwise */
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
  const char          *column;      /* the storage column when it is not @name ("unit_id") */
  const UdReference   *reference;   /* UD_FIELD_REFERENCE */
  const char          *sort_by;     /* the field whose order a list sorted by this one follows */
};

/* Whether the field holds a number (money in fen, a count), kept as an
 * integer, NULL when empty, unless UD_FIELD_TEXT_COLUMN. */
gboolean        ud_field_is_number     (const UdField *field);
/* Whether the column holds integers: numbers, and references by key. */
gboolean        ud_field_is_integer_column (const UdField *field);
/* The storage column: field->column or field->name. */
const char     *ud_field_get_column    (const UdField *field);

const UdChoice *ud_field_find_choice   (const UdField *field,
                                        const char    *text);
const char     *ud_field_choice_label  (const UdField *field,
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
/* The first error of @issues from @first on, or NULL. */
UdIssue  *ud_issue_list_first_error (GPtrArray *issues,
                                     guint      first);
/* Sets @error (@domain, @code) to the message of the first error of
 * @issues from @first on; FALSE, leaving @error alone, when there is
 * none. */
gboolean  ud_issue_list_set_error   (GPtrArray *issues,
                                     guint      first,
                                     GQuark     domain,
                                     gint       code,
                                     GError   **error);
/* "%s: must not be empty" for @field, as an error in @issues. */
void      ud_issue_list_add_required (GPtrArray     *issues,
                                      const UdField *field);

/* Normalises @input for @field: trims, validates, converts to the stored
 * form (upper-case X, ISO dates, fen, choice codes).  Returns the new
 * value, or NULL and appends an error to @issues.  Warnings are appended
 * too.  An empty input returns "" (required-ness is checked by the caller
 * that knows the whole record).  A money field reads yuan as typed
 * ("12,000.00"); a record holds fen: see ud_field_check_stored().
 */
char     *ud_field_normalize   (const UdField *field,
                                const char    *input,
                                GPtrArray     *issues);
/* Checks a value already in its stored form (money in fen, as a record
 * holds it) and gives it back normalised, or NULL with an error in
 * @issues: what validating a record does with each field. */
char     *ud_field_check_stored (const UdField *field,
                                 const char    *value,
                                 GPtrArray     *issues);

/* Whether @value is already what ud_field_check_stored() would give back
 * for @field, with no issue: a non-empty one-line text or a choice's
 * value, valid UTF-8 without a blank character, not too long.  FALSE
 * when it cannot tell cheaply (dates, numbers, money, ID numbers…): then
 * ask ud_field_check_stored().  Lets a record check keep the value it
 * has instead of a copy of it (issue 13: a million cells an import). */
gboolean  ud_field_value_is_normal (const UdField *field,
                                    const char    *value);

/* The value as a person should see it: choice labels translated, money
 * formatted, identifiers masked when @masked.
 */
char     *ud_field_display     (const UdField *field,
                                const char    *value,
                                gboolean       masked);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdIssue, ud_issue_free)

G_END_DECLS
