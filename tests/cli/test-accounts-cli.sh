#!/bin/sh
# test-accounts-cli.sh — uniondesk-cli init --admin, account, audit and
# backup --auto (issue 3): what an administrator does from a terminal or
# a scheduled job.
#
# Copyright 2026 The UnionDesk developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-accounts-cli.sh UNIONDESK-CLI FILES-DIR
# Output is TAP.

set -u

if [ $# -ne 2 ]; then
  echo "usage: $0 UNIONDESK-CLI FILES-DIR" >&2
  exit 2
fi

cli=$1
files=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
db="$tmp/office.db"
me=$(id -un)
count=0
failures=0

. "$(dirname "$0")/tap.sh"

# run ARGS... — stdin from /dev/null; stdout and stderr to $tmp/out and
# $tmp/err; sets $rc
run () {
  "$cli" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
  rc=$?
}

# run_with_password PASSWORD ARGS... — the password as one line on stdin
run_with_password () {
  password=$1
  shift
  printf '%s\n' "$password" | "$cli" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}

expect_err () {
  if grep -q "$1" "$tmp/err"; then pass "$2"; else fail "$2"; fi
}

# json_check DESCRIPTION PYTHON-EXPRESSION — evaluated with d = stdout as JSON
# and me = the operating-system user
json_check () {
  if python3 -c "import json,sys; d=json.load(open(sys.argv[1])); me=sys.argv[2]; sys.exit(0 if ($2) else 1)" "$tmp/out" "$me" 2>>"$tmp/err"; then
    pass "$1"
  else
    fail "$1"
  fi
}

# The first run: the office and its administrator, all or nothing.
run_with_password "short" --db "$db" init --district 110118 --office "密云区总工会" --admin admin
expect_rc 1 "init refuses an administrator password under 8 characters"
expect_err "Password: must have at least 8 characters" "the message names the password rule"
run_with_password "office-admin-1" --db "$db" account list
expect_rc 1 "and the office was not set up"

run_with_password "office-admin-1" --db "$db" init --district 110118 --office "密云区总工会" --admin admin --admin-name "王主任"
expect_rc 0 "init with --admin reads the password from standard input"
run --db "$db" account list --json
json_check "the administrator exists with its role" \
  "[(a['username'], a['display_name'], a['roles']) for a in d['accounts']] == [('admin', '王主任', 'administrator')]"

run --db "$tmp/other.db" init --district 110118 --office "密云区总工会" --admin admin
expect_rc 1 "init --admin without a password on standard input fails"
expect_err "No password was given" "the message says the password is missing"

# Accounts.
run_with_password "password-of-staff" --db "$db" account add li --name "李明" --roles clerk,reviewer
expect_rc 0 "account add"
run_with_password "password-of-staff" --db "$db" account add wang --name "王芳" --roles clerk,boss
expect_rc 1 "account add refuses an unknown role"
expect_err "“boss” is not a role" "the message names the unknown role"
run --db "$db" account add wang --name "王芳"
expect_rc 2 "account add without --roles is a usage error"
run_with_password "password-of-staff" --db "$db" account add LI --name "李明" --roles approver
expect_rc 1 "a user name is taken whatever its case"

run --db "$db" account disable admin
expect_rc 1 "the office's only administrator cannot be disabled"
expect_err "only administrator" "the message says why"
run --db "$db" account disable li
expect_rc 0 "account disable"
run --db "$db" account list --json
json_check "li is disabled, not deleted" \
  "[a['disabled'] for a in d['accounts'] if a['username'] == 'li'] == [True]"
run --db "$db" account enable li
run_with_password "temporary-123" --db "$db" account reset-password li
expect_rc 0 "account reset-password"
run --db "$db" account list --json
json_check "li must choose a new password at the next sign-in" \
  "[(a['disabled'], a['must_change_password']) for a in d['accounts'] if a['username'] == 'li'] == [(False, True)]"
run --db "$db" account set li --roles clerk,approver
expect_rc 0 "account set changes the roles"

# The audit trail: CLI work is recorded as the operating-system user.
run --db "$db" import members "$files/roster-utf8.csv"
run --db "$db" export members "$tmp/roll.csv"
run --db "$db" audit --json
expect_rc 0 "audit --json"
json_check "account changes are recorded as the operating-system user" \
  "len([e for e in d['entries'] if e['kind'] == 'account' and e['action'] in ('create', 'disable', 'enable', 'reset_password', 'update') and e['actor'] == me]) == 6"
json_check "the import is recorded as the operating-system user" \
  "any(e['action'] == 'import' and e['actor'] == me for e in d['entries'])"
json_check "newest first" "[e['id'] for e in d['entries']] == sorted([e['id'] for e in d['entries']], reverse=True)"
run --db "$db" audit --action export --json
json_check "the export is recorded, with identifiers masked: no person exported it" \
  "d['count'] == 1 and d['entries'][0]['actor'] == me and d['entries'][0]['detail_text'].endswith('identifiers masked.')"
run --db "$db" audit --actor nobody --json
json_check "filter by actor" "d['count'] == 0 and d['entries'] == []"
run --db "$db" audit --kind account --action create --limit 1 --json
json_check "filter by kind and action, limited" "d['count'] >= 2 and len(d['entries']) == 1"
run --db "$db" audit --kind member --action import --json
json_check "one entry for the import, listing the members it created" \
  "d['count'] == 1 and json.loads(d['entries'][0]['new_value'])['created'] != []"
run --db "$db" audit --since "$(date +%Y-%m-%d)" --json
json_check "filter by day" "d['count'] > 0"
run --db "$db" audit --since 2024-02-30
expect_rc 1 "a date that does not exist is refused"
expect_err "give a date as YYYY-MM-DD" "the message says how to write it"

run --db "$db" audit export "$tmp/audit.csv"
expect_rc 0 "audit export"
head -c 3 "$tmp/audit.csv" | od -An -tx1 | grep -q "ef bb bf" && pass "the audit CSV starts with a UTF-8 BOM" || fail "the audit CSV starts with a UTF-8 BOM"
sed '1s/^\xEF\xBB\xBF//' "$tmp/audit.csv" | head -n 1 | grep -q "^Time,User name,Name,Action," \
  && pass "the audit CSV has its header" || fail "the audit CSV has its header"
run --db "$db" audit --kind audit --action export --json
json_check "exporting the trail is in the trail" "d['count'] == 1"

# Automatic backups for a scheduled job.
run --db "$db" backup --auto --folder "$tmp/backups"
expect_rc 0 "backup --auto"
made=$(ls "$tmp/backups" | grep -c '^uniondesk-[0-9]\{8\}-[0-9]\{6\}\.db$')
[ "$made" -eq 1 ] && pass "one backup named by its time" || fail "one backup named by its time ($made)"
[ "$(stat -c %a "$tmp/backups")" = "700" ] && pass "the backup folder is private (0700)" || fail "the backup folder is private"
[ "$(stat -c %a "$tmp/backups"/uniondesk-*.db)" = "600" ] && pass "the backup is private (0600)" || fail "the backup is private"
run --db "$db" backup --auto --folder "$tmp/backups"
expect_rc 0 "backup --auto again the same day"
grep -q "No backup was due" "$tmp/out" && pass "makes no second backup that day" || fail "makes no second backup that day"
run --db "$db" check "$tmp/backups"/uniondesk-*.db
expect_rc 0 "the automatic backup passes the integrity check"
run --db "$db" backup
expect_rc 2 "backup without a file or --auto is a usage error"

echo "1..$count"
[ "$failures" -eq 0 ]
