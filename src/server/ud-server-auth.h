/* ud-server-auth.h — bearer tokens of the district offices
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libpq-fe.h>

#include "ud-server-json.h"

G_BEGIN_DECLS

/* The district of the city union itself: its tokens alone may push the
 * city-wide reference data (kinds starting with "ref_"). */
#define UD_SERVER_CITY_DISTRICT "110000"

#define UD_SERVER_AUTH_ERROR (ud_server_auth_error_quark ())

typedef enum
{
  UD_SERVER_AUTH_ERROR_UNAUTHORIZED,  /* no token, unknown or revoked token */
  UD_SERVER_AUTH_ERROR_FORBIDDEN,     /* the token may not write this change */
  UD_SERVER_AUTH_ERROR_INVALID,       /* a bad district code or name given to token add */
  UD_SERVER_AUTH_ERROR_NOT_FOUND,     /* token revoke of an id that does not exist */
  UD_SERVER_AUTH_ERROR_DATABASE,      /* the database failed */
} UdServerAuthError;

typedef struct
{
  gint64     id;
  char      *district;
  char      *name;
  char      *created_at;   /* ISO 8601, UTC */
  char      *revoked_at;   /* NULL while the token is valid */
} UdServerToken;

GQuark         ud_server_auth_error_quark     (void);

void           ud_server_token_free           (UdServerToken        *token);

char          *ud_server_auth_hash            (const char           *token);
UdServerToken *ud_server_auth_check           (PGconn               *conn,
                                               const char           *authorization,
                                               GError              **error);
gboolean       ud_server_auth_may_write       (const UdServerToken  *token,
                                               const UdServerChange *change,
                                               guint                 index,
                                               GError              **error);

char          *ud_server_auth_add             (PGconn               *conn,
                                               const char           *district,
                                               const char           *name,
                                               gint64               *id,
                                               GError              **error);
GPtrArray     *ud_server_auth_list            (PGconn               *conn,
                                               GError              **error);
gboolean       ud_server_auth_revoke          (PGconn               *conn,
                                               gint64                id,
                                               GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdServerToken, ud_server_token_free)

G_END_DECLS
