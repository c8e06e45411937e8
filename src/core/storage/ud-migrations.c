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
};

const guint _ud_n_migrations = G_N_ELEMENTS (_ud_migrations);
