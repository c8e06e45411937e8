/* ud-cli.h — shared pieces of uniondesk-cli
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include <json-glib/json-glib.h>

#include "ud-database.h"
#include "ud-record.h"
#include "ud-secret.h"

G_BEGIN_DECLS

/* Exit statuses (DESIGN §10). */
#define UD_CLI_OK      0
#define UD_CLI_FAILED  1
#define UD_CLI_USAGE   2

typedef struct
{
  const char *db_path;   /* --db PATH, or the default */
} UdCliContext;

typedef int (*UdCliCommandFunc) (UdCliContext  *ctx,
                                 int            argc,
                                 char         **argv);

/* One clear sentence on stderr. */
void        ud_cli_fail     (const char   *format,
                             ...) G_GNUC_PRINTF (1, 2);
/* Usage line for a command, on stderr. */
int         ud_cli_usage    (const char   *usage);
/* Opens the office database; prints the reason and returns NULL on
 * failure.  @require_office: refuse a database not set up with `init`. */
UdDatabase *ud_cli_open_db  (UdCliContext *ctx,
                             gboolean      require_office);
/* ud_cli_open_db() of an office set up, signed in as @as when it is not
 * NULL (ud_cli_sign_in_as()); NULL after printing why. */
UdDatabase *ud_cli_open_office (UdCliContext *ctx,
                                const char   *as);
/* Prints @error's message as the one sentence of a failure:
 * UD_CLI_FAILED. */
int         ud_cli_fail_with (const GError *error);
/* Parses the command's options; returns FALSE (after printing why) on a
 * usage error.  argv[0] is the command name. */
gboolean    ud_cli_parse    (GOptionContext *context,
                             int          *argc,
                             char       ***argv);
void        ud_cli_print_json (JsonNode   *node);
/* The text of the file @path, or of standard input when @path is "-": a
 * regular file (never a pipe or a device given as the file), at most
 * UD_JSON_MAX_FILE_SIZE bytes.  The error's message has no full stop. */
char       *ud_cli_read_input (const char  *path,
                               GError     **error);
/* A password: one line of standard input when it is not a terminal
 * (scripts, tests), else typed twice without echo after @prompt.  NULL
 * after printing why.  Free with ud_secret_free(), which wipes it. */
char       *ud_cli_read_password (const char *prompt);
/* --as USER: signs @username in with a password from standard input (one
 * line) or typed at the terminal, so that what follows is done, checked
 * and recorded as that account rather than as the operating-system user
 * with every permission.  FALSE after printing why. */
gboolean    ud_cli_sign_in_as    (UdDatabase *db,
                                  const char *username);

/* Each field of @record that holds something, "Label: value" a line,
 * as a person reads it: choices by their labels, money in yuan, accounts
 * by their names, identifiers masked when @masked; references to other
 * records left out (the fields copied from them name them). */
void        ud_cli_print_record (UdDatabase     *db,
                                 const UdRecord *record,
                                 gboolean        masked);
/* The workflow trail of @record, a step a line in local time; FALSE after
 * printing why. */
gboolean    ud_cli_print_trail  (UdDatabase     *db,
                                 const UdRecord *record);
/* The trail of @record as a JSON array, or NULL after printing why. */
JsonArray  *ud_cli_trail_json   (UdDatabase     *db,
                                 const UdRecord *record);

int ud_cli_init    (UdCliContext *ctx, int argc, char **argv);
int ud_cli_office  (UdCliContext *ctx, int argc, char **argv);
int ud_cli_import  (UdCliContext *ctx, int argc, char **argv);
int ud_cli_export  (UdCliContext *ctx, int argc, char **argv);
int ud_cli_search  (UdCliContext *ctx, int argc, char **argv);
int ud_cli_backup  (UdCliContext *ctx, int argc, char **argv);
int ud_cli_restore (UdCliContext *ctx, int argc, char **argv);
int ud_cli_check   (UdCliContext *ctx, int argc, char **argv);
int ud_cli_bench   (UdCliContext *ctx, int argc, char **argv);
int ud_cli_relief  (UdCliContext *ctx, int argc, char **argv);
int ud_cli_sync    (UdCliContext *ctx, int argc, char **argv);
int ud_cli_account (UdCliContext *ctx, int argc, char **argv);
int ud_cli_audit   (UdCliContext *ctx, int argc, char **argv);
int ud_cli_print   (UdCliContext *ctx, int argc, char **argv);
int ud_cli_unit    (UdCliContext *ctx, int argc, char **argv);
int ud_cli_hardship (UdCliContext *ctx, int argc, char **argv);
int ud_cli_aid     (UdCliContext *ctx, int argc, char **argv);
int ud_cli_team    (UdCliContext *ctx, int argc, char **argv);
int ud_cli_honour  (UdCliContext *ctx, int argc, char **argv);
/* print honour-certificates (ud-cli-teams.c) */
int ud_cli_print_honour_certificates (UdCliContext *ctx, int argc, char **argv);

G_END_DECLS
