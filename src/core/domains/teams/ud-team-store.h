/* ud-team-store.h — the teams' records, their totals per year and their aid
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ud-database.h"
#include "ud-record.h"

G_BEGIN_DECLS

/* Teams and their members, households, activities and projects are kept
 * by the record store (ud-record-store.h); what is particular to them is
 * here: a team's member comes from the roll (found by the ID number, its
 * name and title copied), those who took part in an activity are the
 * team's members, a team's totals per year are summed in SQL, and its
 * households are paid through the aid batches (ud-aid-store.h). */

#define UD_TEAM_ERROR (ud_team_error_quark ())

typedef enum
{
  UD_TEAM_ERROR_INVALID,     /* a field: the message names it */
  UD_TEAM_ERROR_NOT_FOUND,
} UdTeamError;

GQuark      ud_team_error_quark     (void);

/* The live team with this name (or uuid). */
UdRecord   *ud_team_find            (UdDatabase     *db,
                                     const char     *key,
                                     GError        **error);
/* The live records of @kind (team_member, assisted_household,
 * team_activity, team_project) of @team, in the kind's order. */
GPtrArray  *ud_team_records         (UdDatabase     *db,
                                     const UdRecord *team,
                                     const UdKind   *kind,
                                     GError        **error);

/* Saves a record of a team (any of the kinds above; @record->kind says
 * which): a member is filled from the roll by its ID number and may be
 * in a team once; an activity's participants must be the team's members.
 * Errors name the field. */
gboolean    ud_team_save            (UdDatabase     *db,
                                     UdRecord       *record,
                                     GError        **error);

/* A team's figures for one year (DOMAIN §6). */
typedef struct
{
  guint  year;
  guint  activities;
  gint64 households_reached;   /* summed over the activities */
  UdFen  money;                /* the activities' money */
  UdFen  goods_value;          /* the activities' goods */
  guint  projects;
  UdFen  project_value;
  guint  households_aided;     /* households with an aid payment */
  UdFen  aid_committed;        /* every line of the year's payments */
  UdFen  aid_paid;             /* the lines paid */
} UdTeamYear;

/* The team's figures per year, oldest first, of the years in which it
 * did anything; @year not 0: that year only (always one element). */
GArray     *ud_team_totals          (UdDatabase     *db,
                                     const UdRecord *team,
                                     guint           year,
                                     GError        **error);

/* A new aid batch of @programme (code or name) in @year paying each live
 * household of @team @amount (-1: the programme's amount for an
 * assisted household), titled @title (NULL: the team's name).  One
 * transaction (ud_aid_batch_create()); the batch is returned. */
UdRecord   *ud_team_pay             (UdDatabase     *db,
                                     const UdRecord *team,
                                     const char     *programme,
                                     guint           year,
                                     UdFen           amount,
                                     const char     *title,
                                     GError        **error);

G_END_DECLS
