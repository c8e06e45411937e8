/* ud-illness-error.h — what the relief applications' code refuses
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define UD_ILLNESS_ERROR (ud_illness_error_quark ())

typedef enum
{
  UD_ILLNESS_ERROR_INVALID,        /* a field is wrong: the message names it */
  UD_ILLNESS_ERROR_NOT_FOUND,
  UD_ILLNESS_ERROR_WRONG_STATUS,   /* the step does not follow from the status */
  UD_ILLNESS_ERROR_NOT_ELIGIBLE,   /* approving what the rules do not allow */
  UD_ILLNESS_ERROR_AMOUNT,         /* an approved amount out of range or without its reason */
  UD_ILLNESS_ERROR_DOCUMENTS,      /* documents missing at review */
} UdIllnessError;

GQuark       ud_illness_error_quark          (void);

G_END_DECLS
