/* ud-database-private.h — what the storage area shares about the database
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ud-database.h"

G_BEGIN_DECLS

/* Within a transaction: checks the district code and office name and
 * writes them with their audit entry.  The database's cached identity is
 * refreshed by _ud_database_reload_office() once the caller has
 * committed. */
gboolean  _ud_database_write_office   (UdDatabase  *self,
                                       const char  *district,
                                       const char  *office_name,
                                       GError     **error);
void      _ud_database_reload_office  (UdDatabase  *self);

/* ud_database_audit() on behalf of someone other than the actor: a
 * failed sign-in is recorded under the user name that was tried. */
gboolean  _ud_database_audit_as       (UdDatabase  *self,
                                       const char  *actor,
                                       const char  *action,
                                       const char  *kind,
                                       const char  *uuid,
                                       const char  *field,
                                       const char  *old_value,
                                       const char  *new_value,
                                       const char  *detail,
                                       GError     **error);

G_END_DECLS
