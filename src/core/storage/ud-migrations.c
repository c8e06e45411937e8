/* ud-migrations.c — schema versions of the office database
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ud-migrations.h"

/* Each step runs in one transaction together with the new user_version.
 * Never edit a step that has shipped: add a new one.  Every synced table
 * has uuid, district, hlc, deleted, updated_at and updated_by. */
const char * const _ud_migrations[] = {
  /* 0 → 1: office identity, units, members, search, outbox, audit */
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TABLE unit ("
  "  id          INTEGER PRIMARY KEY,"
  "  uuid        TEXT NOT NULL UNIQUE,"
  "  district    TEXT NOT NULL,"
  "  hlc         TEXT NOT NULL,"
  "  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),"
  "  updated_at  TEXT NOT NULL,"
  "  updated_by  TEXT NOT NULL,"
  "  name        TEXT NOT NULL,"
  "  credit_code TEXT NOT NULL DEFAULT '',"
  "  street      TEXT NOT NULL DEFAULT '',"
  "  unit_type   TEXT NOT NULL DEFAULT '',"
  "  contact     TEXT NOT NULL DEFAULT '',"
  "  phone       TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE UNIQUE INDEX unit_by_name ON unit (name) WHERE deleted = 0;"

  "CREATE TABLE member ("
  "  id                INTEGER PRIMARY KEY,"
  "  uuid              TEXT NOT NULL UNIQUE,"
  "  district          TEXT NOT NULL,"
  "  hlc               TEXT NOT NULL,"
  "  deleted           INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),"
  "  updated_at        TEXT NOT NULL,"
  "  updated_by        TEXT NOT NULL,"
  "  name              TEXT NOT NULL,"
  "  name_pinyin       TEXT NOT NULL DEFAULT '',"
  "  name_initials     TEXT NOT NULL DEFAULT '',"
  "  sex               TEXT NOT NULL DEFAULT '',"
  "  id_number         TEXT NOT NULL UNIQUE,"
  "  birth_date        TEXT NOT NULL DEFAULT '',"
  "  phone             TEXT NOT NULL DEFAULT '',"
  "  unit_id           INTEGER NOT NULL REFERENCES unit (id),"
  "  joined_on         TEXT NOT NULL DEFAULT '',"
  "  card_number       TEXT NOT NULL DEFAULT '',"
  "  employment        TEXT NOT NULL DEFAULT 'in_service',"
  "  status            TEXT NOT NULL DEFAULT 'active',"
  "  model_worker      TEXT NOT NULL DEFAULT '',"
  "  model_worker_body TEXT NOT NULL DEFAULT '',"
  "  model_worker_year TEXT NOT NULL DEFAULT '',"
  "  honours           TEXT NOT NULL DEFAULT '',"
  "  notes             TEXT NOT NULL DEFAULT ''"
  ");"
  /* The list sorts by these in SQL; deleted rows are never listed. */
  "CREATE INDEX member_by_name ON member (name_pinyin, id) WHERE deleted = 0;"
  "CREATE INDEX member_by_unit ON member (unit_id, name_pinyin) WHERE deleted = 0;"
  "CREATE INDEX member_by_joined ON member (joined_on, id) WHERE deleted = 0;"

  /* Search: trigram full-text for queries of three characters or more,
   * and a second full-text table whose tokens are the one- and
   * two-character grams of the name and its pinyin initials, for the
   * short queries that trigrams cannot answer (most Chinese names are 2–3
   * characters).  Full-text tables fill in bulk, far faster than a
   * B-tree of (gram, id) pairs. */
  "CREATE VIRTUAL TABLE member_fts USING fts5 (doc, tokenize = 'trigram', detail = 'none', columnsize = 0);"
  "CREATE VIRTUAL TABLE member_grams USING fts5 (grams, tokenize = 'unicode61 remove_diacritics 0', detail = 'none', columnsize = 0);"
  /* Bigger in-memory batches: fewer segments to merge during an import. */
  "INSERT INTO member_fts (member_fts, rank) VALUES ('hashsize', 33554432);"
  "INSERT INTO member_grams (member_grams, rank) VALUES ('hashsize', 16777216);"

  /* Latest local change per record, for the sync client. */
  "CREATE TABLE sync_outbox ("
  "  kind TEXT NOT NULL,"
  "  uuid TEXT NOT NULL,"
  "  hlc  TEXT NOT NULL,"
  "  PRIMARY KEY (kind, uuid)"
  ") WITHOUT ROWID;"

  "CREATE TABLE audit_log ("
  "  id        INTEGER PRIMARY KEY,"
  "  at        TEXT NOT NULL,"
  "  actor     TEXT NOT NULL,"
  "  action    TEXT NOT NULL,"
  "  kind      TEXT,"
  "  uuid      TEXT,"
  "  field     TEXT,"
  "  old_value TEXT,"
  "  new_value TEXT,"
  "  detail    TEXT"
  ");"
  "CREATE INDEX audit_by_record ON audit_log (kind, uuid);"
  /* The trail cannot be edited or deleted through any program. */
  "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
  " BEGIN SELECT RAISE (ABORT, 'the audit log cannot be changed'); END;"
  "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
  " BEGIN SELECT RAISE (ABORT, 'the audit log cannot be changed'); END;",

  /* 1 → 2: staff accounts and the audit view's filters.  Accounts belong
   * to this office's workstation and are never synced (no district, hlc
   * or tombstone); they are disabled, never deleted, so that every name
   * in the audit log keeps its account.  roles holds UdRole bits. */
  "CREATE TABLE account ("
  "  id                   INTEGER PRIMARY KEY,"
  "  uuid                 TEXT NOT NULL UNIQUE,"
  "  username             TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  display_name         TEXT NOT NULL,"
  "  roles                INTEGER NOT NULL CHECK (roles BETWEEN 1 AND 15),"
  "  password_hash        TEXT NOT NULL,"
  "  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),"
  "  disabled             INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),"
  "  failed_attempts      INTEGER NOT NULL DEFAULT 0,"
  "  locked_until         TEXT,"
  "  created_at           TEXT NOT NULL,"
  "  created_by           TEXT NOT NULL,"
  "  password_changed_at  TEXT NOT NULL,"
  "  last_sign_in_at      TEXT"
  ");"
  "CREATE TRIGGER account_no_delete BEFORE DELETE ON account"
  " BEGIN SELECT RAISE (ABORT, 'accounts are disabled, never deleted'); END;"
  /* Newest first is by id: an index on one column also orders by rowid. */
  "CREATE INDEX audit_by_time ON audit_log (at);"
  "CREATE INDEX audit_by_actor ON audit_log (actor);"
  "CREATE INDEX audit_by_action ON audit_log (action);",

  /* 2 → 3: the sync client's state (DESIGN §7).  sync_state is one row:
   * this office's client id, the server it syncs with, the pull cursor
   * (the last server seq committed here) and a pushed batch whose answer
   * has not been read yet, which is sent again as it was.  sync_base holds
   * the server's version of each record as this office last saw it: the
   * base_hlc of the next push.  sync_alias maps a record the server knows
   * under another uuid (the same person or unit entered in two offices)
   * to the local row it was merged into.  sync_conflict keeps both
   * versions of a record edited in two places until a person chooses
   * one; sync_flag the city's duplicate-aid flags; sync_held pulled
   * records of kinds this version does not store yet, for a later one;
   * sync_log the recent syncs. */
  "CREATE TABLE sync_state ("
  "  id              INTEGER PRIMARY KEY CHECK (id = 1),"
  "  client_uuid     TEXT NOT NULL,"
  "  server_url      TEXT NOT NULL DEFAULT '',"
  "  cursor          INTEGER NOT NULL DEFAULT 0 CHECK (cursor >= 0),"
  "  pending_batch   TEXT,"
  "  pending_body    TEXT,"
  "  last_success_at TEXT,"
  "  last_attempt_at TEXT,"
  "  last_error      TEXT"
  ");"

  "CREATE TABLE sync_base ("
  "  kind TEXT NOT NULL,"
  "  uuid TEXT NOT NULL,"
  "  hlc  TEXT NOT NULL,"
  "  PRIMARY KEY (kind, uuid)"
  ") WITHOUT ROWID;"

  "CREATE TABLE sync_alias ("
  "  kind       TEXT NOT NULL,"
  "  uuid       TEXT NOT NULL,"
  "  local_uuid TEXT NOT NULL,"
  "  PRIMARY KEY (kind, uuid)"
  ") WITHOUT ROWID;"

  /* winner: the version the record holds now ('' hlc when it holds none);
   * loser: the version set aside.  reason 'edited': two concurrent edits;
   * 'rejected': a pulled version this database could not store. */
  "CREATE TABLE sync_conflict ("
  "  id             INTEGER PRIMARY KEY,"
  "  kind           TEXT NOT NULL,"
  "  uuid           TEXT NOT NULL,"
  "  reason         TEXT NOT NULL CHECK (reason IN ('edited', 'rejected')),"
  "  winner_hlc     TEXT NOT NULL,"
  "  winner_deleted INTEGER NOT NULL CHECK (winner_deleted IN (0, 1)),"
  "  winner_data    TEXT NOT NULL,"
  "  loser_hlc      TEXT NOT NULL,"
  "  loser_deleted  INTEGER NOT NULL CHECK (loser_deleted IN (0, 1)),"
  "  loser_data     TEXT NOT NULL,"
  "  server_seq     INTEGER UNIQUE,"
  "  detected_at    TEXT NOT NULL,"
  "  resolved_at    TEXT,"
  "  resolved_by    TEXT,"
  "  resolution     TEXT CHECK (resolution IN ('winner', 'loser')),"
  "  UNIQUE (kind, winner_hlc, loser_hlc)"
  ");"
  "CREATE INDEX sync_conflict_open ON sync_conflict (id) WHERE resolved_at IS NULL;"
  "CREATE INDEX sync_conflict_by_record ON sync_conflict (kind, uuid);"

  "CREATE TABLE sync_flag ("
  "  seq            INTEGER PRIMARY KEY,"
  "  kind           TEXT NOT NULL,"
  "  uuid           TEXT NOT NULL,"
  "  event_date     TEXT NOT NULL,"
  "  other_district TEXT NOT NULL,"
  "  other_kind     TEXT NOT NULL,"
  "  other_date     TEXT NOT NULL,"
  "  received_at    TEXT NOT NULL"
  ");"
  "CREATE INDEX sync_flag_by_record ON sync_flag (kind, uuid);"

  "CREATE TABLE sync_held ("
  "  kind     TEXT NOT NULL,"
  "  uuid     TEXT NOT NULL,"
  "  district TEXT NOT NULL,"
  "  hlc      TEXT NOT NULL,"
  "  deleted  INTEGER NOT NULL CHECK (deleted IN (0, 1)),"
  "  data     TEXT NOT NULL,"
  "  PRIMARY KEY (kind, uuid)"
  ") WITHOUT ROWID;"

  "CREATE TABLE sync_log ("
  "  id          INTEGER PRIMARY KEY,"
  "  started_at  TEXT NOT NULL,"
  "  finished_at TEXT NOT NULL,"
  "  server_url  TEXT NOT NULL,"
  "  pushed      INTEGER NOT NULL,"
  "  pulled      INTEGER NOT NULL,"
  "  conflicts   INTEGER NOT NULL,"
  "  error       TEXT"
  ");",

  /* 3 → 4: serious-illness relief (DOMAIN §3).  reference_version holds
   * the reference tables as data, one row per version of a table, its
   * text the JSON object of that version as in data/reference/; a version
   * a decision used is marked in_use and can no longer change.
   * illness_application is the kind described in ud-kind.c (its columns
   * are the kind's field names; money and counts are integers, NULL when
   * empty).  illness_step is the application's trail, never changed;
   * fund_budget the district fund's budget per year, in fen. */
  "CREATE TABLE reference_version ("
  "  id          INTEGER PRIMARY KEY,"
  "  uuid        TEXT NOT NULL UNIQUE,"
  "  kind        TEXT NOT NULL CHECK (kind IN ('diseases', 'low_income_line', 'relief_rules')),"
  "  version     TEXT NOT NULL,"
  "  effective   TEXT NOT NULL,"
  "  data        TEXT NOT NULL,"
  "  created_at  TEXT NOT NULL,"
  "  created_by  TEXT NOT NULL,"
  "  updated_at  TEXT NOT NULL,"
  "  updated_by  TEXT NOT NULL,"
  "  in_use      INTEGER NOT NULL DEFAULT 0 CHECK (in_use IN (0, 1)),"
  "  UNIQUE (kind, version),"
  "  UNIQUE (kind, effective)"
  ");"
  "CREATE TRIGGER reference_version_used BEFORE UPDATE ON reference_version"
  " WHEN OLD.in_use = 1 AND (NEW.in_use = 0 OR NEW.kind IS NOT OLD.kind OR NEW.version IS NOT OLD.version"
  "   OR NEW.effective IS NOT OLD.effective OR NEW.data IS NOT OLD.data)"
  " BEGIN SELECT RAISE (ABORT, 'a reference version used by a decision cannot be changed'); END;"
  "CREATE TRIGGER reference_version_no_delete BEFORE DELETE ON reference_version"
  " BEGIN SELECT RAISE (ABORT, 'reference versions are never deleted'); END;"

  "CREATE TABLE illness_application ("
  "  id                 INTEGER PRIMARY KEY,"
  "  uuid               TEXT NOT NULL UNIQUE,"
  "  district           TEXT NOT NULL,"
  "  hlc                TEXT NOT NULL,"
  "  deleted            INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),"
  "  updated_at         TEXT NOT NULL,"
  "  updated_by         TEXT NOT NULL,"
  "  serial             TEXT NOT NULL UNIQUE,"
  "  member_uuid        TEXT NOT NULL,"
  "  member_name        TEXT NOT NULL DEFAULT '',"
  "  id_number          TEXT NOT NULL DEFAULT '',"
  "  fund_year          INTEGER,"
  "  application_date   TEXT NOT NULL,"
  "  patient_name       TEXT NOT NULL DEFAULT '',"
  "  relation           TEXT NOT NULL DEFAULT 'self',"
  "  disease            TEXT NOT NULL DEFAULT '',"
  "  hospital           TEXT NOT NULL DEFAULT '',"
  "  hospital_grade     TEXT NOT NULL DEFAULT '',"
  "  diagnosis_date     TEXT NOT NULL DEFAULT '',"
  "  treatment_from     TEXT NOT NULL DEFAULT '',"
  "  treatment_to       TEXT NOT NULL DEFAULT '',"
  "  total              INTEGER,"
  "  insurance          INTEGER,"
  "  government_aid     INTEGER,"
  "  mutual_aid         INTEGER,"
  "  other              INTEGER,"
  "  household_size     INTEGER,"
  "  household_income   INTEGER,"
  "  archived           TEXT NOT NULL DEFAULT 'no',"
  "  documents          TEXT NOT NULL DEFAULT '',"
  "  notes              TEXT NOT NULL DEFAULT '',"
  "  self_paid          INTEGER,"
  "  low_income_line    INTEGER,"
  "  tier               INTEGER,"
  "  suggested_amount   INTEGER,"
  "  failed_rules       TEXT NOT NULL DEFAULT '',"
  "  reasons            TEXT NOT NULL DEFAULT '',"
  "  rules_version      TEXT NOT NULL DEFAULT '',"
  "  diseases_version   TEXT NOT NULL DEFAULT '',"
  "  low_income_version TEXT NOT NULL DEFAULT '',"
  "  status             TEXT NOT NULL DEFAULT 'draft'"
  "    CHECK (status IN ('draft', 'submitted', 'reviewed', 'approved', 'rejected', 'paid')),"
  "  status_note        TEXT NOT NULL DEFAULT '',"
  "  created_by         TEXT NOT NULL DEFAULT '',"
  "  reviewed_by        TEXT NOT NULL DEFAULT '',"
  "  decided_by         TEXT NOT NULL DEFAULT '',"
  "  decided_on         TEXT NOT NULL DEFAULT '',"
  "  approved_amount    INTEGER,"
  "  amount_reason      TEXT NOT NULL DEFAULT '',"
  "  notice_from        TEXT NOT NULL DEFAULT '',"
  "  notice_to          TEXT NOT NULL DEFAULT '',"
  "  paid_on            TEXT NOT NULL DEFAULT '',"
  "  payment_method     TEXT NOT NULL DEFAULT '',"
  "  receipt_number     TEXT NOT NULL DEFAULT ''"
  ");"
  /* A member's reliefs (the 12-month rule) and a fund year's totals. */
  "CREATE INDEX illness_by_member ON illness_application (member_uuid, status) WHERE deleted = 0;"
  "CREATE INDEX illness_by_year ON illness_application (fund_year, status) WHERE deleted = 0;"

  "CREATE TABLE illness_step ("
  "  id               INTEGER PRIMARY KEY,"
  "  uuid             TEXT NOT NULL UNIQUE,"
  "  district         TEXT NOT NULL,"
  "  hlc              TEXT NOT NULL,"
  "  application_uuid TEXT NOT NULL REFERENCES illness_application (uuid),"
  "  step             TEXT NOT NULL"
  "    CHECK (step IN ('create', 'submit', 'street', 'review', 'return', 'approve', 'reject', 'notice', 'pay')),"
  "  actor            TEXT NOT NULL,"
  "  at               TEXT NOT NULL,"
  "  opinion          TEXT NOT NULL DEFAULT '',"
  "  signer           TEXT NOT NULL DEFAULT '',"
  "  signed_on        TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX illness_step_by_application ON illness_step (application_uuid, id);"
  "CREATE TRIGGER illness_step_no_update BEFORE UPDATE ON illness_step"
  " BEGIN SELECT RAISE (ABORT, 'the workflow trail cannot be changed'); END;"
  "CREATE TRIGGER illness_step_no_delete BEFORE DELETE ON illness_step"
  " BEGIN SELECT RAISE (ABORT, 'the workflow trail cannot be changed'); END;"

  "CREATE TABLE fund_budget ("
  "  year       INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2999),"
  "  amount     INTEGER NOT NULL CHECK (amount >= 0),"
  "  updated_at TEXT NOT NULL,"
  "  updated_by TEXT NOT NULL"
  ");",

  /* 5: the list sorted by work unit walks the units in name order and
   * each unit's members by the member_by_unit index, instead of sorting
   * the whole roll (19 s → 0.4 s on a million members).  Deleted units
   * too: their members are still listed. */
  "CREATE INDEX unit_by_name_all ON unit (name, id);",

  /* 5 → 6: serial numbers carry the office number (大病-110118-2024-01-0001,
   * set in meta as office_number), and a serial is no longer unique: two
   * offices of a district that worked offline under the same office number
   * (or before office numbers existed) both made 大病-…-0001, and the one
   * pulled from the other office must still be stored, or the offices never
   * converge.  The relief section names such duplicates.  SQLite cannot drop
   * a column's UNIQUE, so the table is rebuilt: the foreign keys of
   * illness_step are deferred to the commit, by when every application is
   * back under its uuid. */
  "PRAGMA defer_foreign_keys = ON;"
  "CREATE TEMP TABLE illness_application_v5 AS SELECT * FROM illness_application;"
  "DROP TABLE illness_application;"
  "CREATE TABLE illness_application ("
  "  id                 INTEGER PRIMARY KEY,"
  "  uuid               TEXT NOT NULL UNIQUE,"
  "  district           TEXT NOT NULL,"
  "  hlc                TEXT NOT NULL,"
  "  deleted            INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),"
  "  updated_at         TEXT NOT NULL,"
  "  updated_by         TEXT NOT NULL,"
  "  serial             TEXT NOT NULL,"
  "  member_uuid        TEXT NOT NULL,"
  "  member_name        TEXT NOT NULL DEFAULT '',"
  "  id_number          TEXT NOT NULL DEFAULT '',"
  "  fund_year          INTEGER,"
  "  application_date   TEXT NOT NULL,"
  "  patient_name       TEXT NOT NULL DEFAULT '',"
  "  relation           TEXT NOT NULL DEFAULT 'self',"
  "  disease            TEXT NOT NULL DEFAULT '',"
  "  hospital           TEXT NOT NULL DEFAULT '',"
  "  hospital_grade     TEXT NOT NULL DEFAULT '',"
  "  diagnosis_date     TEXT NOT NULL DEFAULT '',"
  "  treatment_from     TEXT NOT NULL DEFAULT '',"
  "  treatment_to       TEXT NOT NULL DEFAULT '',"
  "  total              INTEGER,"
  "  insurance          INTEGER,"
  "  government_aid     INTEGER,"
  "  mutual_aid         INTEGER,"
  "  other              INTEGER,"
  "  household_size     INTEGER,"
  "  household_income   INTEGER,"
  "  archived           TEXT NOT NULL DEFAULT 'no',"
  "  documents          TEXT NOT NULL DEFAULT '',"
  "  notes              TEXT NOT NULL DEFAULT '',"
  "  self_paid          INTEGER,"
  "  low_income_line    INTEGER,"
  "  tier               INTEGER,"
  "  suggested_amount   INTEGER,"
  "  failed_rules       TEXT NOT NULL DEFAULT '',"
  "  reasons            TEXT NOT NULL DEFAULT '',"
  "  rules_version      TEXT NOT NULL DEFAULT '',"
  "  diseases_version   TEXT NOT NULL DEFAULT '',"
  "  low_income_version TEXT NOT NULL DEFAULT '',"
  "  status             TEXT NOT NULL DEFAULT 'draft'"
  "    CHECK (status IN ('draft', 'submitted', 'reviewed', 'approved', 'rejected', 'paid')),"
  "  status_note        TEXT NOT NULL DEFAULT '',"
  "  created_by         TEXT NOT NULL DEFAULT '',"
  "  reviewed_by        TEXT NOT NULL DEFAULT '',"
  "  decided_by         TEXT NOT NULL DEFAULT '',"
  "  decided_on         TEXT NOT NULL DEFAULT '',"
  "  approved_amount    INTEGER,"
  "  amount_reason      TEXT NOT NULL DEFAULT '',"
  "  notice_from        TEXT NOT NULL DEFAULT '',"
  "  notice_to          TEXT NOT NULL DEFAULT '',"
  "  paid_on            TEXT NOT NULL DEFAULT '',"
  "  payment_method     TEXT NOT NULL DEFAULT '',"
  "  receipt_number     TEXT NOT NULL DEFAULT ''"
  ");"
  /* A member's reliefs (the 12-month rule) and a fund year's totals. */
  "INSERT INTO illness_application SELECT * FROM temp.illness_application_v5;"
  "DROP TABLE temp.illness_application_v5;"
  "CREATE INDEX illness_by_member ON illness_application (member_uuid, status) WHERE deleted = 0;"
  "CREATE INDEX illness_by_year ON illness_application (fund_year, status) WHERE deleted = 0;"
  "CREATE INDEX illness_by_serial ON illness_application (serial);",

  /* 6 → 7: the audit trail is a hash chain (DESIGN §2): each entry carries
   * the SHA-256 of its content and of the entry before it, computed by
   * ud_audit_hash (), a function that every connection registers
   * (ud-audit.c).  The entries already written are hashed here in the
   * order of their ids; from now on an entry without its hash is refused. */
  "ALTER TABLE audit_log ADD COLUMN hash TEXT;"
  "DROP TRIGGER audit_log_no_update;"
  "CREATE TEMP TABLE audit_chain (id INTEGER PRIMARY KEY, hash TEXT NOT NULL);"
  "INSERT INTO temp.audit_chain (id, hash)"
  " WITH RECURSIVE chain (id, hash) AS ("
  "   SELECT id, ud_audit_hash ('', id, at, actor, action, kind, uuid, field, old_value, new_value, detail)"
  "     FROM audit_log WHERE id = (SELECT min (id) FROM audit_log)"
  "   UNION ALL"
  "   SELECT a.id, ud_audit_hash (chain.hash, a.id, a.at, a.actor, a.action, a.kind, a.uuid, a.field,"
  "                               a.old_value, a.new_value, a.detail)"
  "     FROM chain JOIN audit_log a ON a.id = (SELECT min (id) FROM audit_log WHERE id > chain.id))"
  " SELECT id, hash FROM chain;"
  "UPDATE audit_log SET hash = (SELECT c.hash FROM temp.audit_chain c WHERE c.id = audit_log.id);"
  "DROP TABLE temp.audit_chain;"
  "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
  " BEGIN SELECT RAISE (ABORT, 'the audit log cannot be changed'); END;"
  "CREATE TRIGGER audit_log_hash_required BEFORE INSERT ON audit_log WHEN NEW.hash IS NULL"
  " BEGIN SELECT RAISE (ABORT, 'an audit entry needs its hash'); END;",

  /* 7 → 8: the search index of ud-search-index.c replaces the two FTS5
   * tables (1.28 GB → under 500 MB for a million members, and every query
   * class under 10 ms, issue 13).  A term's postings are rows of member
   * ids keyed by the term and the first id of the row.  The rows are
   * written by the program, from the member table, right after this step
   * (search_rebuild in meta asks for it, also after an interrupted
   * attempt). */
  "DROP TABLE member_fts;"
  "DROP TABLE member_grams;"
  "CREATE TABLE search_posting ("
  "  term  INTEGER NOT NULL,"
  "  first INTEGER NOT NULL,"
  "  ids   BLOB NOT NULL,"
  "  PRIMARY KEY (term, first)"
  ") WITHOUT ROWID;"
  "INSERT INTO meta (key, value) VALUES ('search_rebuild', '1')"
  " ON CONFLICT (key) DO UPDATE SET value = excluded.value;"
  /* An index ends with the rowid already: the id written into the list's
   * two sort indexes was there twice (8 bytes a member; ORDER BY …, id
   * still walks them without sorting). */
  "DROP INDEX member_by_name;"
  "CREATE INDEX member_by_name ON member (name_pinyin) WHERE deleted = 0;"
  "DROP INDEX member_by_joined;"
  "CREATE INDEX member_by_joined ON member (joined_on) WHERE deleted = 0;",

  /* 8 → 9: one workflow trail for every kind (workflow_step), a synced
   * record like any other and a hash chain: the steps of the relief trail
   * move into it under their uuids, and the outbox, the sync bases and conflicts name
   * the new kind.  The audit log keeps the old name in its entries (the
   * kind lists it among its former names).  A unit is also found by its
   * credit code (a natural key, unique among live units: checked by the
   * store, not by an index that old data might not satisfy). */
  "CREATE TABLE workflow_step ("
  "  id          INTEGER PRIMARY KEY,"
  "  uuid        TEXT NOT NULL UNIQUE,"
  "  district    TEXT NOT NULL,"
  "  hlc         TEXT NOT NULL,"
  "  deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),"
  "  updated_at  TEXT NOT NULL,"
  "  updated_by  TEXT NOT NULL,"
  "  record_kind TEXT NOT NULL,"
  "  record_uuid TEXT NOT NULL,"
  "  step        TEXT NOT NULL,"
  "  actor       TEXT NOT NULL,"
  "  at          TEXT NOT NULL,"
  "  opinion     TEXT NOT NULL DEFAULT '',"
  "  signer      TEXT NOT NULL DEFAULT '',"
  "  signed_on   TEXT NOT NULL DEFAULT '',"
  "  hash        TEXT"
  ");"
  "INSERT INTO workflow_step (uuid, district, hlc, updated_at, updated_by, record_kind, record_uuid,"
  " step, actor, at, opinion, signer, signed_on)"
  " SELECT uuid, district, hlc, at, actor, 'illness_application', application_uuid,"
  " step, actor, at, opinion, signer, signed_on FROM illness_step ORDER BY id;"
  "DROP TABLE illness_step;"
  /* The trail is a hash chain like the audit trail (UD_KIND_CHAINED):
   * each step carries ud_chain_hash () of its values and of the step
   * before, computed here for the steps moved in, in the order of their
   * ids, and by every insert from now on. */
  "CREATE TEMP TABLE step_chain (id INTEGER PRIMARY KEY, hash TEXT NOT NULL);"
  "INSERT INTO temp.step_chain (id, hash)"
  " WITH RECURSIVE chain (id, hash) AS ("
  "   SELECT id, ud_chain_hash ('workflow_step', '', id, uuid, district, hlc, deleted, updated_at, updated_by,"
  "                             record_kind, record_uuid, step, actor, at, opinion, signer, signed_on)"
  "     FROM workflow_step WHERE id = (SELECT min (id) FROM workflow_step)"
  "   UNION ALL"
  "   SELECT s.id, ud_chain_hash ('workflow_step', chain.hash, s.id, s.uuid, s.district, s.hlc, s.deleted,"
  "                               s.updated_at, s.updated_by, s.record_kind, s.record_uuid, s.step, s.actor,"
  "                               s.at, s.opinion, s.signer, s.signed_on)"
  "     FROM chain JOIN workflow_step s ON s.id = (SELECT min (id) FROM workflow_step WHERE id > chain.id))"
  " SELECT id, hash FROM chain;"
  "UPDATE workflow_step SET hash = (SELECT c.hash FROM temp.step_chain c WHERE c.id = workflow_step.id);"
  "DROP TABLE temp.step_chain;"
  "CREATE INDEX workflow_step_by_record ON workflow_step (record_kind, record_uuid, id);"
  "CREATE TRIGGER workflow_step_no_update BEFORE UPDATE ON workflow_step"
  " BEGIN SELECT RAISE (ABORT, 'the workflow trail cannot be changed'); END;"
  "CREATE TRIGGER workflow_step_no_delete BEFORE DELETE ON workflow_step"
  " BEGIN SELECT RAISE (ABORT, 'the workflow trail cannot be changed'); END;"
  "CREATE TRIGGER workflow_step_hash_required BEFORE INSERT ON workflow_step WHEN NEW.hash IS NULL"
  " BEGIN SELECT RAISE (ABORT, 'a step of the workflow trail needs its hash'); END;"
  "UPDATE sync_outbox SET kind = 'workflow_step' WHERE kind = 'illness_step';"
  "UPDATE sync_base SET kind = 'workflow_step' WHERE kind = 'illness_step';"
  "UPDATE sync_conflict SET kind = 'workflow_step' WHERE kind = 'illness_step';"
  "CREATE INDEX unit_by_credit_code ON unit (credit_code);"
  /* A sync conflict may also be resolved by combining the two versions
   * field by field ('merged'): the table is rebuilt for its CHECK. */
  "CREATE TABLE sync_conflict_9 ("
  "  id             INTEGER PRIMARY KEY,"
  "  kind           TEXT NOT NULL,"
  "  uuid           TEXT NOT NULL,"
  "  reason         TEXT NOT NULL CHECK (reason IN ('edited', 'rejected')),"
  "  winner_hlc     TEXT NOT NULL,"
  "  winner_deleted INTEGER NOT NULL CHECK (winner_deleted IN (0, 1)),"
  "  winner_data    TEXT NOT NULL,"
  "  loser_hlc      TEXT NOT NULL,"
  "  loser_deleted  INTEGER NOT NULL CHECK (loser_deleted IN (0, 1)),"
  "  loser_data     TEXT NOT NULL,"
  "  server_seq     INTEGER UNIQUE,"
  "  detected_at    TEXT NOT NULL,"
  "  resolved_at    TEXT,"
  "  resolved_by    TEXT,"
  "  resolution     TEXT CHECK (resolution IN ('winner', 'loser', 'merged')),"
  "  UNIQUE (kind, winner_hlc, loser_hlc)"
  ");"
  "INSERT INTO sync_conflict_9 SELECT * FROM sync_conflict;"
  "DROP TABLE sync_conflict;"
  "ALTER TABLE sync_conflict_9 RENAME TO sync_conflict;"
  "CREATE INDEX sync_conflict_open ON sync_conflict (id) WHERE resolved_at IS NULL;"
  "CREATE INDEX sync_conflict_by_record ON sync_conflict (kind, uuid);",

  /* 10: versions refused by the checks every record that arrives goes
   * through (ud-received.h), with the sentence saying why: side 'here', a
   * pulled version this office did not store; 'server', one of this
   * office's changes the city server did not take (it keeps it for the
   * city's administrator). */
  "CREATE TABLE sync_refusal ("
  "  id         INTEGER PRIMARY KEY,"
  "  side       TEXT NOT NULL CHECK (side IN ('here', 'server')),"
  "  kind       TEXT NOT NULL,"
  "  uuid       TEXT NOT NULL,"
  "  hlc        TEXT NOT NULL,"
  "  reason     TEXT NOT NULL,"
  "  refused_at TEXT NOT NULL,"
  "  UNIQUE (side, kind, uuid, hlc)"
  ");",
};

const guint _ud_n_migrations = G_N_ELEMENTS (_ud_migrations);
