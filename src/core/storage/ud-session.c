/* ud-session.c — the roles a person holds, and who is signed in
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-session.h"
#include "ud-session-private.h"

struct _UdSession
{
  gatomicrefcount  ref_count;
  gint64           account_id;
  char            *account_uuid;
  char            *username;
  char            *display_name;
  UdRole           roles;
  gint64           signed_in_at;
  gint             must_change_password;  /* atomic */
};

G_DEFINE_BOXED_TYPE (UdSession, ud_session, ud_session_ref, ud_session_unref)

G_DEFINE_QUARK (ud-session-error-quark, ud_session_error)

typedef struct
{
  UdRole      role;
  const char *name;
  const char *label;  /* N_() */
} RoleInfo;

static const RoleInfo roles_table[] = {
  /* TRANSLATORS: a role: manages accounts, audit and backups (管理员) */
  { UD_ROLE_ADMIN,    "administrator", N_("Administrator") },
  /* TRANSLATORS: a role: keeps the roll, prepares applications (经办人) */
  { UD_ROLE_CLERK,    "clerk",         N_("Clerk") },
  /* TRANSLATORS: a role: reviews applications (审核人) */
  { UD_ROLE_REVIEWER, "reviewer",      N_("Reviewer") },
  /* TRANSLATORS: a role: approves applications (审批人) */
  { UD_ROLE_APPROVER, "approver",      N_("Approver") },
};

/* Roles */

const char *
ud_role_to_string (UdRole role)
{
  for (guint i = 0; i < G_N_ELEMENTS (roles_table); i++)
    if (roles_table[i].role == role)
      return roles_table[i].name;

  g_return_val_if_reached (NULL);
}

const char *
ud_role_get_label (UdRole role)
{
  for (guint i = 0; i < G_N_ELEMENTS (roles_table); i++)
    if (roles_table[i].role == role)
      return _(roles_table[i].label);

  g_return_val_if_reached (NULL);
}

static char *
join_roles (UdRole      roles,
            gboolean    labels)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (roles_table); i++)
    {
      if ((roles & roles_table[i].role) == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, labels ? _(", ") : ",");
      g_string_append (text, labels ? _(roles_table[i].label) : roles_table[i].name);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
ud_roles_to_string (UdRole roles)
{
  return join_roles (roles, FALSE);
}

char *
ud_roles_to_label (UdRole roles)
{
  return join_roles (roles, TRUE);
}

gboolean
ud_roles_from_string (const char  *text,
                      UdRole      *roles,
                      GError     **error)
{
  g_auto(GStrv) parts = NULL;
  UdRole found = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (roles != NULL, FALSE);

  parts = g_strsplit (text, ",", -1);
  for (guint p = 0; parts[p] != NULL; p++)
    {
      const char *part = g_strstrip (parts[p]);
      gboolean known = FALSE;

      if (*part == '\0')
        continue;
      if (g_ascii_strcasecmp (part, "admin") == 0)
        part = "administrator";
      for (guint i = 0; i < G_N_ELEMENTS (roles_table); i++)
        if (g_ascii_strcasecmp (part, roles_table[i].name) == 0)
          {
            found |= roles_table[i].role;
            known = TRUE;
          }
      if (!known)
        {
          g_set_error (error, UD_SESSION_ERROR, UD_SESSION_ERROR_INVALID_ROLE,
                       _("Roles: “%s” is not a role; the roles are administrator, clerk, reviewer and approver."),
                       part);
          return FALSE;
        }
    }

  if (found == 0)
    {
      g_set_error (error, UD_SESSION_ERROR, UD_SESSION_ERROR_INVALID_ROLE,
                   _("Roles: give at least one of administrator, clerk, reviewer and approver."));
      return FALSE;
    }

  *roles = found;
  return TRUE;
}

/* Sessions */

UdSession *
ud_session_ref (UdSession *session)
{
  g_return_val_if_fail (session != NULL, NULL);

  g_atomic_ref_count_inc (&session->ref_count);
  return session;
}

void
ud_session_unref (UdSession *session)
{
  g_return_if_fail (session != NULL);

  if (!g_atomic_ref_count_dec (&session->ref_count))
    return;

  g_free (session->account_uuid);
  g_free (session->username);
  g_free (session->display_name);
  g_free (session);
}

gint64
ud_session_get_account_id (UdSession *session)
{
  g_return_val_if_fail (session != NULL, 0);

  return session->account_id;
}

const char *
ud_session_get_username (UdSession *session)
{
  g_return_val_if_fail (session != NULL, NULL);

  return session->username;
}

const char *
ud_session_get_display_name (UdSession *session)
{
  g_return_val_if_fail (session != NULL, NULL);

  return session->display_name;
}

UdRole
ud_session_get_roles (UdSession *session)
{
  g_return_val_if_fail (session != NULL, 0);

  return session->roles;
}

gboolean
ud_session_has_role (UdSession *session,
                     UdRole     role)
{
  g_return_val_if_fail (session != NULL, FALSE);

  return (session->roles & role) == role;
}

gint64
ud_session_get_signed_in_at (UdSession *session)
{
  g_return_val_if_fail (session != NULL, 0);

  return session->signed_in_at;
}

gboolean
ud_session_get_must_change_password (UdSession *session)
{
  g_return_val_if_fail (session != NULL, FALSE);

  return g_atomic_int_get (&session->must_change_password) != 0;
}

UdSession *
_ud_session_new (gint64      account_id,
                 const char *account_uuid,
                 const char *username,
                 const char *display_name,
                 UdRole      roles,
                 gint64      signed_in_at,
                 gboolean    must_change_password)
{
  UdSession *session = g_new0 (UdSession, 1);

  g_atomic_ref_count_init (&session->ref_count);
  session->account_id = account_id;
  session->account_uuid = g_strdup (account_uuid);
  session->username = g_strdup (username);
  session->display_name = g_strdup (display_name);
  session->roles = roles;
  session->signed_in_at = signed_in_at;
  session->must_change_password = must_change_password ? 1 : 0;

  return session;
}

const char *
_ud_session_get_account_uuid (UdSession *session)
{
  g_return_val_if_fail (session != NULL, NULL);

  return session->account_uuid;
}

void
_ud_session_password_changed (UdSession *session)
{
  g_return_if_fail (session != NULL);

  g_atomic_int_set (&session->must_change_password, 0);
}
