/* ud-account-dialog.h — creating and editing a staff account
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ud-account.h"
#include "ud-db-worker.h"

G_BEGIN_DECLS

#define UD_TYPE_ACCOUNT_DIALOG (ud_account_dialog_get_type ())
G_DECLARE_FINAL_TYPE (UdAccountDialog, ud_account_dialog, UD, ACCOUNT_DIALOG, AdwWindow)

typedef enum
{
  UD_ACCOUNT_DIALOG_CREATE,
  UD_ACCOUNT_DIALOG_EDIT,            /* name and roles */
  UD_ACCOUNT_DIALOG_RESET_PASSWORD,
} UdAccountDialogMode;

/* @account: NULL to create one.  "done" is emitted after the core took
 * the change; the dialog then closes itself. */
UdAccountDialog *ud_account_dialog_new     (UdDbWorker          *worker,
                                            UdAccountDialogMode  mode,
                                            const UdAccount     *account);
/* Checks the form and, when it is right, saves on the worker. */
void             ud_account_dialog_save    (UdAccountDialog     *self);
/* The problem shown, or NULL. */
const char      *ud_account_dialog_get_problem (UdAccountDialog *self);

G_END_DECLS
