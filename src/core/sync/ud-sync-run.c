/* ud-sync-run.c — what one sync run did, and how it may fail
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ud-sync-run.h"

G_DEFINE_QUARK (ud-sync-error-quark, ud_sync_error)

gboolean
ud_sync_error_is_transient (const GError *error)
{
  if (error == NULL || error->domain != UD_SYNC_ERROR)
    return FALSE;

  switch ((UdSyncError) error->code)
    {
    case UD_SYNC_ERROR_UNREACHABLE:
    case UD_SYNC_ERROR_SERVER:
    case UD_SYNC_ERROR_BAD_ANSWER:
      return TRUE;

    case UD_SYNC_ERROR_NOT_CONFIGURED:
    case UD_SYNC_ERROR_INVALID_URL:
    case UD_SYNC_ERROR_INSECURE:
    case UD_SYNC_ERROR_CERTIFICATE:
    case UD_SYNC_ERROR_TOKEN_REFUSED:
    case UD_SYNC_ERROR_FORBIDDEN:
    case UD_SYNC_ERROR_WRONG_DISTRICT:
    case UD_SYNC_ERROR_SERVER_TOO_OLD:
    case UD_SYNC_ERROR_CLIENT_TOO_OLD:
    case UD_SYNC_ERROR_REFUSED:
    default:
      return FALSE;
    }
}
