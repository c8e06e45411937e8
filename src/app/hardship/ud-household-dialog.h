/* ud-household-dialog.h — one person of a hardship archive's household
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-form-binder.h"

G_BEGIN_DECLS

#define UD_TYPE_HOUSEHOLD_DIALOG (ud_household_dialog_get_type ())
G_DECLARE_FINAL_TYPE (UdHouseholdDialog, ud_household_dialog, UD, HOUSEHOLD_DIALOG, AdwWindow)

/* The form of @person (a record of ud_kind_hardship_household_member,
 * kept in memory until the archive is saved), bound by a UdFormBinder.
 * "_Done" emits "done" with the person as typed (a new record, its
 * derived fields filled) and closes; nothing is written here. */
UdHouseholdDialog *ud_household_dialog_new        (UdDbWorker        *worker,
                                                   UdRecord          *person);
UdFormBinder      *ud_household_dialog_get_binder (UdHouseholdDialog *self);

G_END_DECLS
