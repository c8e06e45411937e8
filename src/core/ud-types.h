/* ud-types.h — shared forward declarations and enums of the UnionDesk core
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Money is always an integer number of fen (分). Never a float. */
typedef gint64 UdFen;

typedef struct _UdDatabase UdDatabase;
typedef struct _UdRecord   UdRecord;
typedef struct _UdKind     UdKind;
typedef struct _UdField    UdField;
typedef struct _UdSession  UdSession;
typedef struct _UdWorkflow UdWorkflow;

/* The things a role may or may not do.  Which roles hold which is one
 * table of data in ud-permission.c; a kind of record names those its
 * records need (ud-kind.h). */
typedef enum
{
  UD_PERMISSION_VIEW_MEMBERS,
  UD_PERMISSION_EDIT_MEMBERS,
  UD_PERMISSION_DELETE_MEMBERS,
  UD_PERMISSION_IMPORT_MEMBERS,
  UD_PERMISSION_EXPORT_MEMBERS,
  UD_PERMISSION_EXPORT_FULL_IDS,      /* exports carry whole ID, phone and card numbers */
  UD_PERMISSION_SEE_FULL_IDS,         /* the editor shows them whole; lists never do */
  UD_PERMISSION_PRINT_FORMS,
  UD_PERMISSION_CREATE_APPLICATION,
  UD_PERMISSION_REVIEW_APPLICATION,
  UD_PERMISSION_APPROVE_APPLICATION,
  UD_PERMISSION_RECORD_PAYMENT,
  UD_PERMISSION_EDIT_REFERENCE_DATA,
  UD_PERMISSION_ADMINISTER,           /* accounts and office settings */
  UD_PERMISSION_VIEW_AUDIT,
  UD_PERMISSION_BACKUP_RESTORE,
} UdPermission;

#define UD_N_PERMISSIONS (UD_PERMISSION_BACKUP_RESTORE + 1)

typedef enum
{
  UD_SEX_UNKNOWN = 0,
  UD_SEX_MALE,
  UD_SEX_FEMALE,
} UdSex;

G_END_DECLS
