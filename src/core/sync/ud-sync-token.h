/* ud-sync-token.h — where the office keeps its sync token
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The libsecret schema of the token in the desktop keyring; its one
 * attribute, "server", is the server address. */
#define UD_SYNC_TOKEN_SCHEMA_NAME "io.github.uniondesk.UnionDesk.SyncToken"

#define UD_SYNC_TOKEN_ERROR (ud_sync_token_error_quark ())

typedef enum
{
  UD_SYNC_TOKEN_ERROR_INVALID,  /* empty, too long, or not printable text */
  UD_SYNC_TOKEN_ERROR_FILE,     /* the token file cannot be read or written */
} UdSyncTokenError;

GQuark    ud_sync_token_error_quark   (void);

/* $XDG_CONFIG_HOME/uniondesk/sync-token: where the token goes, readable
 * by the office account only (0600), when no keyring runs. */
char     *ud_sync_token_fallback_path (void);

/* Keeps @token for @server_url in the desktop keyring.  Where no keyring
 * runs, writes the fallback file instead and sets @notice to a sentence
 * saying so, for the person to read; otherwise @notice is NULL. */
gboolean  ud_sync_token_save          (const char    *server_url,
                                       const char    *token,
                                       char         **notice,
                                       GError       **error);
/* The token for @server_url from the keyring, else from the fallback
 * file; NULL without an error when there is none. */
char     *ud_sync_token_load          (const char    *server_url,
                                       GError       **error);
/* Removes the token from the keyring and the fallback file. */
gboolean  ud_sync_token_forget        (const char    *server_url,
                                       GError       **error);
/* Reads a token from a file of its own (`uniondesk-cli sync
 * --token-file`): its first line, without surrounding blanks. */
char     *ud_sync_token_read_file     (const char    *path,
                                       GError       **error);

G_END_DECLS
