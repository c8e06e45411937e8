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

typedef enum
{
  UD_SEX_UNKNOWN = 0,
  UD_SEX_MALE,
  UD_SEX_FEMALE,
} UdSex;

G_END_DECLS
