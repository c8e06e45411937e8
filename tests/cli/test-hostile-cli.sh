#!/bin/sh
# test-hostile-cli.sh — what arrives is not trusted (issue 12): hostile
# JSON, pipes where files belong, broken and rewritten backups, amounts
# that overflow, files readable by others, exports without a person.
# Each check reproduces a defect that was found, refused now.
#
# Copyright 2026 The UnionDesk developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-hostile-cli.sh UNIONDESK-CLI FILES-DIR
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
count=0

. "$(dirname "$0")/tap.sh"

fail () {
  count=$((count + 1))
  echo "not ok $count - $1"
  for f in "$tmp/out" "$tmp/err"; do
    [ -s "$f" ] && sed 's/^/# /' "$f" | head -20
  done
  return 0
}

# run ARGS... — bounded in time (a hang is a failure, not a stuck suite);
# stdin from /dev/null; sets $rc
run () {
  timeout 20 "$cli" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
  rc=$?
}

# run_as USER ARGS... — the account's password as one line on stdin
run_as () {
  user=$1
  shift
  password=password-of-staff
  [ "$user" = admin ] && password=office-admin-1
  printf '%s\n' "$password" | timeout 20 "$cli" "$@" --as "$user" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}

expect_err () {
  if grep -qF -- "$1" "$tmp/err"; then pass "$2"; else fail "$2"; fi
}

# An office with an administrator, staff and members.
printf 'office-admin-1\n' | "$cli" --db "$db" init --district 110118 --office "密云区总工会" --admin admin >/dev/null 2>&1
for account in li:clerk zhou:reviewer wang:approver; do
  printf 'password-of-staff\n' | "$cli" --db "$db" account add "${account%%:*}" --name "${account%%:*}" --roles "${account#*:}" >/dev/null 2>&1
done
run --db "$db" import members "$files/roster-utf8.csv"
expect_rc 0 "the office is set up with staff and members"

# 1. JSON nested 100,000 deep crashed relief quote, apply and reference
#    add (json-glib recurses without a limit): refused with a sentence.
python3 -c "import sys; sys.stdout.write('{\"date\":' + '[' * 100000 + ']' * 100000 + '}')" >"$tmp/deep.json"
run --db "$db" relief quote "$tmp/deep.json"
expect_rc 1 "relief quote refuses JSON nested 100,000 deep"
expect_err "more than 64 levels deep" "and says why"
member_id=$(sed -n 2p "$files/roster-utf8.csv" | cut -d, -f3)
run_as li --db "$db" relief apply "$tmp/deep.json" --member "$member_id"
expect_rc 1 "relief apply refuses it too"
expect_err "more than 64 levels deep" "and says why"
run_as admin --db "$db" relief reference add relief_rules "$tmp/deep.json"
expect_rc 1 "relief reference add refuses it too"
expect_err "more than 64 levels deep" "and says why"
# The room standards are a reference table too.
run_as admin --db "$db" room standards add "$tmp/deep.json"
expect_rc 1 "room standards add refuses it too"
expect_err "more than 64 levels deep" "and says why"
run_as li --db "$db" room standards add "$tmp/deep.json"
expect_rc 1 "a clerk cannot add room standards"
expect_err "may not edit reference tables" "and says why"
run --db "$db" room check "$tmp/deep.json"
expect_rc 1 "room check refuses it too"
expect_err "more than 64 levels deep" "and says why"
# The hardship readers came after: the same limit.
run --db "$db" hardship quote "$tmp/deep.json"
expect_rc 1 "hardship quote refuses JSON nested 100,000 deep"
expect_err "more than 64 levels deep" "and says why"
run_as li --db "$db" hardship apply "$tmp/deep.json" --member "$member_id"
expect_rc 1 "hardship apply refuses it too"
expect_err "more than 64 levels deep" "and says why"

# 2. Pipes where a file belongs hung check, restore and relief quote.
mkfifo "$tmp/fifo.db" "$tmp/fifo.json"
run --db "$db" check "$tmp/fifo.db"
expect_rc 1 "check refuses a named pipe instead of hanging"
expect_err "named pipe" "and names what it is"
run --db "$db" restore "$tmp/fifo.db"
expect_rc 1 "restore refuses a named pipe instead of hanging"
expect_err "named pipe" "and names what it is"
run --db "$db" relief quote "$tmp/fifo.json"
expect_rc 1 "relief quote refuses a named pipe instead of hanging"
expect_err "named pipe" "and names what it is"
run --db "$db" hardship quote "$tmp/fifo.json"
expect_rc 1 "hardship quote refuses a named pipe instead of hanging"
expect_err "named pipe" "and names what it is"
run_as li --db "$db" hardship apply "$tmp/fifo.json" --member "$member_id"
expect_rc 1 "hardship apply refuses a named pipe instead of hanging"
expect_err "named pipe" "and names what it is"

# 3. Backups changed with sqlite3 passed integrity_check and were restored
#    and reported good: each is compared with the schema the migrations
#    build, and refused with a sentence naming the fault.
run --db "$db" backup "$tmp/good.db"
expect_rc 0 "a backup is written"
run --db "$db" check "$tmp/good.db"
expect_rc 0 "and passes the check"
# edit_backup NAME SQL — a copy of the good backup changed by SQL
edit_backup () {
  cp "$tmp/good.db" "$tmp/$1.db"
  python3 -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit(); c.close()" "$tmp/$1.db" "$2"
}
edit_backup no-member "PRAGMA foreign_keys = OFF; DROP TABLE member;"
edit_backup no-triggers "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"
edit_backup forgetting "CREATE TRIGGER audit_log_forget AFTER INSERT ON audit_log BEGIN DELETE FROM audit_log WHERE id = NEW.id; END;"
for case in "no-member:the table “member” is missing" \
            "no-triggers:the trigger “audit_log_no_delete” is missing" \
            "forgetting:the trigger “audit_log_forget” is not part of UnionDesk"; do
  name=${case%%:*}
  reason=${case#*:}
  run --db "$db" check "$tmp/$name.db"
  expect_rc 1 "check refuses the backup $name"
  expect_err "$reason" "and names the fault: $reason"
  run --db "$db" restore "$tmp/$name.db"
  expect_rc 1 "restore refuses the backup $name"
  expect_err "$reason" "and names the fault"
done
run --db "$db" audit --action restore --json
if python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d['count'] == 0 else 1)" "$tmp/out"; then
  pass "nothing was restored"
else
  fail "nothing was restored"
fi

# 4. The audit trail could be rewritten with sqlite3 and nothing noticed:
#    it is a hash chain now, and check names the first bad entry.
edit_backup forged "INSERT INTO audit_log (at, actor, action, hash) VALUES ('2026-01-01T00:00:00Z', 'admin', 'sign_in', printf ('%064d', 0));"
edit_backup rewritten "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'nobody' WHERE id = 2;
                       CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE (ABORT, 'the audit log cannot be changed'); END;"
edit_backup deleted "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 3;
                     CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE (ABORT, 'the audit log cannot be changed'); END;"
last=$(python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT max (id) FROM audit_log').fetchone()[0])" "$tmp/forged.db")
for case in "forged:entry $last (" "rewritten:entry 2 (" "deleted:entry 3 is missing"; do
  name=${case%%:*}
  reason=${case#*:}
  run --db "$db" check "$tmp/$name.db"
  expect_rc 1 "check finds the $name audit entry"
  expect_err "The audit trail has been tampered with: $reason" "and names it: $reason"
  run --db "$db" restore "$tmp/$name.db"
  expect_rc 1 "restore refuses the backup with a $name audit entry"
done

# 5. A budget of 92233720368547758.07 yuan (the 64-bit limit in fen) was
#    accepted, and every sum over it could overflow.
run_as admin --db "$db" relief fund --year 2024 --budget 92233720368547758.07
expect_rc 1 "relief fund refuses a budget of 92233720368547758.07"
expect_err "at most 1,000,000,000.00 yuan" "and says the most it may be"
run_as admin --db "$db" relief fund --year 2024 --budget 92233720368547758.08
expect_rc 2 "an amount beyond 64 bits is a wrong option, not wrapped"
expect_err "is too large to be an amount of money" "and says so"
run_as admin --db "$db" relief fund --year 2024 --budget 1,000,000,000.00
expect_rc 0 "the largest budget is accepted"

# 6. A workbook of 1.9 million tiny rows (272 KB) took 38 s and 3.9 GB:
#    the rows kept are bounded, and it is refused with a sentence.
python3 - "$tmp/tiny-rows.xlsx" <<'PY'
import sys, zipfile
main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
pkg = 'http://schemas.openxmlformats.org/package/2006/relationships'
header = '<row>' + ''.join('<c t="inlineStr"><is><t>%s</t></is></c>' % h for h in ('姓名', '身份证号', '工作单位')) + '</row>'
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('_rels/.rels', '<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % (pkg, rel))
    z.writestr('xl/workbook.xml', '<workbook xmlns="%s" xmlns:r="%s"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>' % (main, rel))
    z.writestr('xl/_rels/workbook.xml.rels', '<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' % (pkg, rel))
    z.writestr('xl/worksheets/sheet1.xml', '<worksheet xmlns="%s"><sheetData>%s%s</sheetData></worksheet>'
               % (main, header, '<row><c t="inlineStr"><is><t>a</t></is></c></row>' * 1900000))
PY
run --db "$db" import members "$tmp/tiny-rows.xlsx"
expect_rc 1 "an import of 1.9 million tiny rows is refused"
expect_err "more than 200000 rows" "and says to split the file"

# 7. A restore deleted -wal and -shm under a program that had the database
#    open: it needs the database to itself now (the lock file beside it).
# This shell holds it, shared, as the app does while it runs.
exec 9>"$db.lock"
flock -s 9
run --db "$db" restore "$tmp/good.db"
expect_rc 1 "restore is refused while another program has the database open"
expect_err "is open in UnionDesk or another uniondesk-cli" "and says to close it first"
run --db "$db" backup "$tmp/beside.db"
expect_rc 0 "a backup beside it goes on, through the online backup API"
[ -f "$db-wal" ] && pass "and leaves the write-ahead log of the other program alone" || fail "and leaves the write-ahead log of the other program alone"
exec 9>&-

echo "1..$count"
