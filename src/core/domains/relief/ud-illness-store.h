/* ud-illness-store.h — serious-illness relief applications: records, workflow, trail
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ud-database.h"
#include "ud-illness-error.h"
#include "ud-illness-kind.h"
#include "ud-kind-workflow.h"
#include "ud-illness-suggestion.h"
#include "ud-record.h"
#include "ud-relief.h"
#include "ud-trail.h"

G_BEGIN_DECLS

/* An application is a record of ud_kind_illness_application (ud-kind.c).
 * The clerk types the fields that are not UD_FIELD_DERIVED; the store
 * fills the rest: the member's name and ID number, the fund year and
 * serial number (大病-110118-2024-01-0001, one sequence per office and
 * year), the suggestion of the rules in force on the application date
 * with its reasons and the versions of the reference tables it used,
 * and the workflow's state (DESIGN §4):
 *
 *   draft → submitted → reviewed → approved → paid
 *                               ↘ rejected
 *   (submitted or reviewed can be returned to draft, with the reason)
 *
 * Each step is one transaction that writes the application (with its
 * outbox and audit entries) and appends to its trail, which can never be
 * changed: who, when, the opinion and who signed it on paper.
 *
 * Like every record, an application holds its values in their stored
 * form: money in fen, dates ISO, choices as codes — what
 * ud_field_normalize() makes of the text typed, field by field, as an
 * editor does it.
 *
 * "archived" (在档) is typed on the application: UnionDesk has no
 * hardship archive yet.  When it has, the new application's default will
 * come from the member's archive record on the application date.
 */


/* A new, unsaved application of @member (a member record): today's date,
 * the member as patient, not archived. */
UdRecord    *ud_illness_application_new      (const UdRecord *member);

/* The typed fields from one JSON object whose members are field names:
 * money as text in yuan ("156300.00") or whole yuan, dates as
 * YYYY-MM-DD, "archived" true or false, "documents" a list of codes.
 * Unknown members, and the fields the store fills, are refused. */
gboolean     ud_illness_application_set_from_json (UdRecord   *application,
                                              const char     *json,
                                              GError        **error);
/* Every field, with "id" and "uuid": money as text in yuan, counts as
 * numbers, "archived" a boolean, "documents" and "failed_rules" lists,
 * "reasons" a list of lines, empty values null. */
JsonNode    *ud_illness_application_to_json  (const UdRecord *application);

/* Creates (application->id 0) or updates a draft, computing the
 * suggestion with the rules in @db.  Needs
 * UD_PERMISSION_CREATE_APPLICATION.  On invalid input: FALSE with
 * UD_ILLNESS_ERROR_INVALID and the problems in @issues, nothing written.
 * On success @application holds what was stored. */
gboolean     ud_illness_store_save           (UdDatabase     *db,
                                              UdRecord       *application,
                                              GPtrArray      *issues,
                                              GError        **error);
/* A draft only; tombstoned (synced as a deletion).  Needs
 * UD_PERMISSION_CREATE_APPLICATION. */
gboolean     ud_illness_store_delete         (UdDatabase     *db,
                                              gint64          id,
                                              GError        **error);

/* Reading needs UD_PERMISSION_VIEW_MEMBERS. */
UdRecord    *ud_illness_store_get            (UdDatabase     *db,
                                              gint64          id,
                                              GError        **error);
/* By serial number or uuid. */
UdRecord    *ud_illness_store_find           (UdDatabase     *db,
                                              const char     *serial_or_uuid,
                                              GError        **error);
/* The member who applies, as the roll has it now (deleted or not). */
UdRecord    *ud_illness_store_get_member     (UdDatabase     *db,
                                              const UdRecord *application,
                                              GError        **error);

typedef struct
{
  guint       year;          /* fund year, 0 for any */
  const char *status;        /* a status code, or NULL for any */
  const char *member_uuid;   /* or NULL for any */
} UdIllnessQuery;

/* Applications not deleted, by serial number. */
GPtrArray   *ud_illness_store_list           (UdDatabase           *db,
                                              const UdIllnessQuery *query,
                                              GError              **error);

/* Other applications (not deleted) that hold the serial number of
 * @application: made in another office of the district that works under
 * the same office number (or made before office numbers).  Both are kept
 * (sync must converge); a person checks the office numbers.  Records. */
GPtrArray   *ud_illness_store_list_same_serial (UdDatabase     *db,
                                              const UdRecord *application,
                                              GError        **error);
/* The serial numbers that two or more applications hold (a set of
 * strings), for marking a list. */
GHashTable  *ud_illness_store_duplicate_serials (UdDatabase   *db,
                                              GError        **error);

/* The city's duplicate-aid flag (DESIGN §7, City view), pulled by sync
 * into sync_flag: the same ID number received relief or aid in another
 * district within 12 months of this application. */
typedef struct
{
  char *event_date;      /* YYYY-MM-DD: the date of this application the city used */
  char *other_district;  /* the 6-digit code of the other district */
  char *other_kind;      /* illness_application, hardship_archive, disbursement */
  char *other_date;      /* YYYY-MM-DD */
} UdIllnessCityFlag;

void         ud_illness_city_flag_free       (UdIllnessCityFlag *flag);
/* The flags of one application, oldest first (UdIllnessCityFlag). */
GPtrArray   *ud_illness_store_list_city_flags (UdDatabase    *db,
                                              const char     *application_uuid,
                                              GError        **error);
/* The uuids of the applications with a flag (a set of strings). */
GHashTable  *ud_illness_store_flagged_applications (UdDatabase *db,
                                              GError        **error);
/* "Chaoyang District" for 110105 (translated), or NULL for a code that is
 * not one of Beijing's districts. */
const char  *ud_illness_district_name        (const char     *code);
/* One sentence for a clerk: where, what and when. */
char        *ud_illness_city_flag_describe   (const UdIllnessCityFlag *flag);

/* One step of the trail (ud-trail.h). */
typedef UdTrailStep UdIllnessStep;
/* Translated: "Submitted", "Returned", … */
const char  *ud_illness_step_get_label       (const char     *step);
/* The name of the application's disease in the catalogue in force on its
 * application date ("" when the catalogue has no such code), or NULL
 * when the reference tables cannot be read. */
char        *ud_illness_store_disease_name   (UdDatabase     *db,
                                              const UdRecord *application,
                                              GError        **error);
/* The trail, oldest first. */
GPtrArray   *ud_illness_store_list_steps     (UdDatabase     *db,
                                              const char     *application_uuid,
                                              GError        **error);

/* An opinion as it stands on the paper form (ud-kind-workflow.h). */
typedef UdStepOpinion UdIllnessOpinion;

/* draft → submitted, with the 基层工会 opinion entered from paper.
 * Hospital, grade and diagnosis date must be filled in.  Needs
 * UD_PERMISSION_CREATE_APPLICATION. */
gboolean     ud_illness_store_submit         (UdDatabase             *db,
                                              gint64                  id,
                                              const UdIllnessOpinion *union_opinion,
                                              GError                **error);
/* submitted → reviewed: the 区总工会帮扶中心 review, with the 街道/乡镇
 * opinion from paper when there is one (@street may be NULL).  Every
 * document must have been received and the diagnosis must come from a
 * hospital of grade 2 or above.  Needs UD_PERMISSION_REVIEW_APPLICATION. */
gboolean     ud_illness_store_review         (UdDatabase             *db,
                                              gint64                  id,
                                              const UdIllnessOpinion *street,
                                              const UdIllnessOpinion *review,
                                              GError                **error);
/* submitted or reviewed → draft, saying why.  Needs
 * UD_PERMISSION_REVIEW_APPLICATION or UD_PERMISSION_APPROVE_APPLICATION. */
gboolean     ud_illness_store_return         (UdDatabase             *db,
                                              gint64                  id,
                                              const char             *reason,
                                              GError                **error);
/* reviewed → approved.  The suggestion is computed again under the rules
 * in force on the application date, whose versions are then recorded
 * and can no longer change.  @amount < 0 approves the suggestion; another
 * amount needs @amount_reason and must lie within the rules' range.
 * Refused when the fund's remaining balance for the year is smaller (see
 * ud-fund.h), when the rules do not allow the application, and by
 * ud_database_require_approval(): the approver role, not the creator,
 * not the reviewer. */
gboolean     ud_illness_store_approve        (UdDatabase             *db,
                                              gint64                  id,
                                              UdFen                   amount,
                                              const char             *amount_reason,
                                              const UdIllnessOpinion *opinion,
                                              GError                **error);
/* submitted or reviewed → rejected, the opinion saying why; a decision
 * like an approval (same checks of who may decide). */
gboolean     ud_illness_store_reject         (UdDatabase             *db,
                                              gint64                  id,
                                              const UdIllnessOpinion *opinion,
                                              GError                **error);
/* The public notice period (公示), once reviewed.  Needs
 * UD_PERMISSION_CREATE_APPLICATION. */
gboolean     ud_illness_store_record_notice  (UdDatabase             *db,
                                              gint64                  id,
                                              const char             *from,
                                              const char             *to,
                                              GError                **error);
/* The last day of the shortest notice allowed from @from (5 working days,
 * Monday to Friday), for a form to start with. */
void         ud_illness_notice_shortest_end  (const GDate            *from,
                                              GDate                  *end);

typedef struct
{
  const char *paid_on;          /* YYYY-MM-DD, not before the decision nor in the future */
  const char *method;           /* "jingka", "bank", "cash" (or their labels) */
  const char *receipt_number;   /* transfer number or the signed cash receipt's */
} UdIllnessPayment;

/* approved → paid.  Needs UD_PERMISSION_RECORD_PAYMENT. */
gboolean     ud_illness_store_record_payment (UdDatabase             *db,
                                              gint64                  id,
                                              const UdIllnessPayment *payment,
                                              GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdIllnessCityFlag, ud_illness_city_flag_free)

G_END_DECLS
