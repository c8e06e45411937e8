/* ud-permission.c — what each role may do, checked in the core
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-permission"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-permission.h"

#define EVERY_ROLE (UD_ROLE_ADMIN | UD_ROLE_CLERK | UD_ROLE_REVIEWER | UD_ROLE_APPROVER)

typedef struct
{
  UdPermission  permission;
  const char   *name;
  const char   *label;   /* N_(): a verb phrase, "approve applications" */
  UdRole        roles;
} PermissionInfo;

/* The one table of who may do what.  The clerk (经办人) keeps the roll
 * and prepares applications; the reviewer (审核人) and the approver
 * (审批人) decide on them; the administrator runs the office's
 * accounts, audit and backups.  A payment is recorded by the clerk who
 * pays it out or by the approver who authorised it.  Identifiers are
 * masked in every list; whole in the editor for every role that works on
 * records, and in an export only for the administrator and the approver. */
static const PermissionInfo permissions[] = {
  { UD_PERMISSION_VIEW_MEMBERS,        "view_members",        N_("view members"),                    EVERY_ROLE },
  { UD_PERMISSION_EDIT_MEMBERS,        "edit_members",        N_("add and edit members"),            UD_ROLE_CLERK },
  { UD_PERMISSION_DELETE_MEMBERS,      "delete_members",      N_("delete members"),                  UD_ROLE_CLERK },
  { UD_PERMISSION_IMPORT_MEMBERS,      "import_members",      N_("import member rosters"),           UD_ROLE_CLERK },
  { UD_PERMISSION_EXPORT_MEMBERS,      "export_members",      N_("export the member roll"),          EVERY_ROLE },
  { UD_PERMISSION_EXPORT_FULL_IDS,     "export_full_ids",     N_("export whole ID numbers"),         UD_ROLE_ADMIN | UD_ROLE_APPROVER },
  { UD_PERMISSION_SEE_FULL_IDS,        "see_full_ids",        N_("see whole ID numbers"),            EVERY_ROLE },
  { UD_PERMISSION_PRINT_FORMS,         "print_forms",         N_("print forms"),                     UD_ROLE_CLERK | UD_ROLE_REVIEWER | UD_ROLE_APPROVER },
  { UD_PERMISSION_CREATE_APPLICATION,  "create_application",  N_("create applications"),             UD_ROLE_CLERK },
  { UD_PERMISSION_REVIEW_APPLICATION,  "review_application",  N_("review applications"),             UD_ROLE_REVIEWER },
  { UD_PERMISSION_APPROVE_APPLICATION, "approve_application", N_("approve applications"),            UD_ROLE_APPROVER },
  { UD_PERMISSION_RECORD_PAYMENT,      "record_payment",      N_("record payments"),                 UD_ROLE_CLERK | UD_ROLE_APPROVER },
  { UD_PERMISSION_EDIT_REFERENCE_DATA, "edit_reference_data", N_("edit reference tables"),           UD_ROLE_ADMIN },
  { UD_PERMISSION_ADMINISTER,          "administer",          N_("manage accounts and office settings"), UD_ROLE_ADMIN },
  { UD_PERMISSION_VIEW_AUDIT,          "view_audit",          N_("view the audit trail"),            UD_ROLE_ADMIN },
  { UD_PERMISSION_BACKUP_RESTORE,      "backup_restore",      N_("back up and restore the database"), UD_ROLE_ADMIN },
};

G_STATIC_ASSERT (G_N_ELEMENTS (permissions) == UD_N_PERMISSIONS);

G_DEFINE_QUARK (ud-permission-error-quark, ud_permission_error)

static const PermissionInfo *
info_for (UdPermission permission)
{
  g_assert ((guint) permission < G_N_ELEMENTS (permissions));
  g_assert (permissions[permission].permission == permission);

  return &permissions[permission];
}

const char *
ud_permission_to_string (UdPermission permission)
{
  g_return_val_if_fail ((guint) permission < UD_N_PERMISSIONS, NULL);

  return info_for (permission)->name;
}

const char *
ud_permission_get_label (UdPermission permission)
{
  g_return_val_if_fail ((guint) permission < UD_N_PERMISSIONS, NULL);

  return _(info_for (permission)->label);
}

UdRole
ud_permission_get_roles (UdPermission permission)
{
  g_return_val_if_fail ((guint) permission < UD_N_PERMISSIONS, 0);

  return info_for (permission)->roles;
}

gboolean
ud_role_has_permission (UdRole       roles,
                        UdPermission permission)
{
  g_return_val_if_fail ((guint) permission < UD_N_PERMISSIONS, FALSE);

  return (roles & info_for (permission)->roles) != 0;
}

gboolean
ud_session_has_permission (UdSession    *session,
                           UdPermission  permission)
{
  g_return_val_if_fail (session != NULL, FALSE);
  g_return_val_if_fail ((guint) permission < UD_N_PERMISSIONS, FALSE);

  return ud_role_has_permission (ud_session_get_roles (session), permission);
}

gboolean
ud_session_require (UdSession     *session,
                    UdPermission   permission,
                    GError       **error)
{
  g_autofree char *held = NULL;
  g_autofree char *needed = NULL;

  g_return_val_if_fail (session != NULL, FALSE);
  g_return_val_if_fail ((guint) permission < UD_N_PERMISSIONS, FALSE);

  if (ud_session_get_must_change_password (session))
    {
      g_set_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_PASSWORD_CHANGE_REQUIRED,
                   _("The administrator has reset the password of “%s”: choose a new password before you go on."),
                   ud_session_get_display_name (session));
      return FALSE;
    }

  if (ud_session_has_permission (session, permission))
    return TRUE;

  held = ud_roles_to_label (ud_session_get_roles (session));
  needed = ud_roles_to_label (ud_permission_get_roles (permission));
  g_set_error (error, UD_PERMISSION_ERROR, UD_PERMISSION_ERROR_DENIED,
               /* TRANSLATORS: a person's name, their roles, what was refused
                * ("approve applications"), then the roles that may do it */
               ngettext ("“%s” (%s) may not %s: that needs the role %s.",
                         "“%s” (%s) may not %s: that needs one of the roles %s.",
                         (gulong) __builtin_popcount (ud_permission_get_roles (permission))),
               ud_session_get_display_name (session), held,
               ud_permission_get_label (permission), needed);
  return FALSE;
}
