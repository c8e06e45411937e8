#!/bin/sh
# test-members-cli.sh — uniondesk-cli init, import, search, export,
# backup, restore and check on real files (DESIGN.md §10).
#
# Copyright 2026 The UnionDesk developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-members-cli.sh UNIONDESK-CLI FILES-DIR
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
failures=0

. "$(dirname "$0")/tap.sh"

# run ARGS... — stdout and stderr to $tmp/out and $tmp/err; sets $rc
run () {
  "$cli" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}

# expect_rc N DESCRIPTION
# json_check DESCRIPTION PYTHON-EXPRESSION — evaluated with d = stdout as JSON
# Usage errors are exit 2, bad input exit 1 with one sentence.
run --db "$db" init
expect_rc 2 "init without options is a usage error"
run --db "$db" init --district 12 --office "密云区总工会"
expect_rc 1 "init refuses a district code that is not 6 digits"
grep -q "District code" "$tmp/err" && pass "the message names the district code" || fail "the message names the district code"

run --db "$db" import members "$files/roster-bad-gb18030.csv"
expect_rc 1 "import refuses a database that is not set up"

run --db "$db" init --district 110118 --office "密云区总工会"
expect_rc 0 "init sets up the office"
mode=$(stat -c %a "$db")
[ "$mode" = "600" ] && pass "the database file is private (0600)" || fail "the database file is private (mode $mode)"

# A GB18030 roster with bad rows: the good ones go in, the bad ones are
# reported with row, column and reason.
run --db "$db" import members "$files/roster-bad-gb18030.csv" --json
expect_rc 0 "an import with rejected rows still succeeds"
json_check "13 rows, 5 imported, 8 rejected" "d['rows'] == 13 and d['imported'] == 5 and d['rejected'] == 8"
json_check "row 4: bad check character in 身份证号" \
  "any(e['row'] == 4 and e['column'] == '身份证号' and e['code'] == 'invalid_checksum' for e in d['errors'])"
json_check "row 5: a birth date that does not exist" \
  "any(e['row'] == 5 and e['code'] == 'invalid_date' for e in d['errors'])"
json_check "row 6: typed sex disagrees with the ID number" \
  "any(e['row'] == 6 and e['column'] == '性别' and e['code'] == 'sex_mismatch' for e in d['errors'])"
json_check "row 7: a phone number one digit short" \
  "any(e['row'] == 7 and e['column'] == '手机号' for e in d['errors'])"
json_check "row 8: the name is required" \
  "any(e['row'] == 8 and e['column'] == '姓名' and e['code'] == 'required' for e in d['errors'])"
json_check "row 10: the same ID number twice is a duplicate" \
  "any(e['row'] == 10 and e['code'] == 'duplicate' for e in d['errors'])"
json_check "row 11: a 15-digit number is upgraded with a warning" \
  "any(e['row'] == 11 and e['code'] == 'upgraded' and e.get('warning') for e in d['errors'])"
json_check "row 13: a joining date in the future" \
  "any(e['row'] == 13 and e['code'] == 'future_date' for e in d['errors'])"

run --db "$db" import members "$files/roster-bad-gb18030.csv" --json
json_check "re-importing the same file updates nothing and duplicates nothing" \
  "d['imported'] == 0 and d['unchanged'] == 5 and d['rejected'] == 8"

run --db "$db" import members "$files/roster-utf8.csv" --dry-run --json
expect_rc 0 "a dry run succeeds"
json_check "the dry run reports what it would import" "d['dry_run'] and d['imported'] > 0"
run --db "$db" search 王建国 --json
json_check "the dry run saved nothing" "d['count'] == 0"

# Search: initials, full pinyin with a surname reading, 1-2 characters,
# ID fragments, unit names; identifiers masked.
run --db "$db" search zmm --json
json_check "pinyin initials zmm find 朱明敏" "d['count'] == 1 and d['members'][0]['name'] == '朱明敏'"
json_check "the ID number is masked" "d['members'][0]['id_number'] == '110118********0026'"
run --db "$db" search shantianfang --json
json_check "单 as a surname reads shan" "d['count'] == 1 and d['members'][0]['name'] == '单田芳'"
run --db "$db" search 曾 --json
json_check "one character finds 曾志伟" "d['count'] == 1"
run --db "$db" search 田芳 --json
json_check "two characters inside a name" "d['count'] == 1"
run --db "$db" search 19681120 --json
json_check "any part of the ID number" "d['count'] == 1 and d['members'][0]['name'] == '曾志伟'"
run --db "$db" search 供水 --json
json_check "a unit name finds its members" "d['count'] == 2"
run --db "$db" search
expect_rc 2 "search without a query is a usage error"

# An export is made by a person: without --as, ID, phone and card numbers
# are masked (issue 12: the operating-system user wrote them whole).
run --db "$db" export members "$tmp/masked.csv"
expect_rc 0 "export without --as"
grep -q "110118197506150118" "$tmp/masked.csv" && fail "without --as, ID numbers are masked" || pass "without --as, ID numbers are masked"
grep -qF "110118********0118" "$tmp/masked.csv" && pass "and shown as on screen" || fail "and shown as on screen"
grep -qF -- "--as" "$tmp/err" && pass "and the CLI says how to export them whole" || fail "and the CLI says how to export them whole"
run --db "$db" audit --action export --json
json_check "the export is audited as masked" \
  "d['count'] == 1 and d['entries'][0]['detail_text'].endswith('identifiers masked.')"
printf 'password-of-staff\n' | "$cli" --db "$db" account add admin --name 王主任 --roles admin >/dev/null 2>&1
printf 'password-of-staff\n' | "$cli" --db "$db" account add li --name 李明 --roles clerk >/dev/null 2>&1
printf 'password-of-staff\n' | "$cli" --db "$db" account add wang --name 王芳 --roles approver >/dev/null 2>&1
printf 'password-of-staff\n' | "$cli" --db "$db" export members "$tmp/clerk.csv" --as li >"$tmp/out" 2>"$tmp/err"
rc=$?
expect_rc 0 "a clerk exports"
grep -q "110118197506150118" "$tmp/clerk.csv" && fail "a clerk's export is masked" || pass "a clerk's export is masked"

# Export and round trip through Excel, whole, as the approver.
printf 'password-of-staff\n' | "$cli" --db "$db" export members "$tmp/out.csv" --as wang >"$tmp/out" 2>"$tmp/err"
rc=$?
expect_rc 0 "export to CSV"
grep -q "110118197506150118" "$tmp/out.csv" && pass "the approver's export has whole ID numbers" || fail "the approver's export has whole ID numbers"
head -c 3 "$tmp/out.csv" | od -An -tx1 | grep -q "ef bb bf" && pass "the CSV starts with a UTF-8 BOM for Excel" || fail "the CSV starts with a UTF-8 BOM for Excel"
[ "$(grep -c '' "$tmp/out.csv")" -ge 6 ] && pass "the CSV has the header and the members" || fail "the CSV has the header and the members"
sed '1s/^\xEF\xBB\xBF//' "$tmp/out.csv" | head -n 1 | grep -q "^姓名,性别,身份证号,手机号,工作单位,入会日期,会员卡号,用工性质" \
  && pass "the CSV has the roster header of the offices" || fail "the CSV has the roster header of the offices"
printf 'password-of-staff\n' | "$cli" --db "$db" export members "$tmp/out.xlsx" --as wang >"$tmp/out" 2>"$tmp/err"
rc=$?
expect_rc 0 "export to Excel"
run --db "$tmp/second.db" init --district 110118 --office "第二办公室"
run --db "$tmp/second.db" import members "$tmp/out.xlsx" --json
json_check "the Excel export imports into another office whole" "d['imported'] == 5 and d['rejected'] == 0"
run --db "$tmp/second.db" import members "$tmp/out.csv" --json
json_check "the CSV export is the same roster" "d['imported'] == 0 and d['unchanged'] == 5"

# A member corrected in the app since the roster came: a re-import says
# what it would change, field by field, and can keep what the app holds.
sed 's/13801012345/13801019999/' "$files/roster-utf8.csv" > "$tmp/corrected.csv"
run --db "$tmp/second.db" import members "$files/roster-utf8.csv"
run --db "$tmp/second.db" import members "$tmp/corrected.csv"
run --db "$tmp/second.db" import members "$files/roster-utf8.csv" --dry-run --json
json_check "the dry run shows the phone it would change back, old → new, masked" \
  "d['updated'] == 1 and len(d['changes']) == 1 and d['changes'][0]['field'] == 'phone' and d['changes'][0]['title'] == '王建国' and d['changes'][0]['old'] == '138****9999' and d['changes'][0]['new'] == '138****2345' and not d['changes'][0]['kept']"
run --db "$tmp/second.db" import members "$files/roster-utf8.csv" --keep-existing --json
json_check "--keep-existing keeps the corrected phone" "d['updated'] == 0 and d['changes'][0]['kept']"
run --db "$tmp/second.db" search 王建国 --json
json_check "the member still has it" "d['members'][0]['phone'] == '138****9999'"
run --db "$tmp/second.db" import members "$files/roster-utf8.csv"
grep -q "王建国, Mobile phone: “138\*\*\*\*9999” → “138\*\*\*\*2345”" "$tmp/out" \
  && pass "without it, the report names the member and the field" || fail "without it, the report names the member and the field"

run --db "$db" export members "$tmp/no/such/folder/out.csv"
expect_rc 1 "export to a folder that does not exist fails"

# Bad files.
run --db "$db" import members "$tmp/missing.csv"
expect_rc 1 "a missing file is a failure"
printf 'a,b,c\r\n1,2,3\r\n' > "$tmp/unknown.csv"
run --db "$db" import members "$tmp/unknown.csv"
expect_rc 1 "a file with no known column is refused"

# Backup, damage, check, restore.
run --db "$db" backup "$tmp/backup.db"
expect_rc 0 "backup"
[ "$(stat -c %a "$tmp/backup.db")" = "600" ] && pass "the backup is private (0600)" || fail "the backup is private"
run --db "$db" check "$tmp/backup.db"
expect_rc 0 "the backup passes the integrity check"
cp "$tmp/backup.db" "$tmp/damaged.db"
size=$(stat -c %s "$tmp/damaged.db")
dd if=/dev/urandom of="$tmp/damaged.db" bs=1024 seek=$((size / 2048)) count=8 conv=notrunc 2>/dev/null
run --db "$db" check "$tmp/damaged.db"
expect_rc 1 "a damaged file fails the check"
run --db "$db" restore "$tmp/damaged.db"
expect_rc 1 "restore refuses a damaged file"
run --db "$db" search 朱明敏 --json
json_check "and nothing was changed" "d['count'] == 1"

rm -f "$db" "$db-wal" "$db-shm"
run --db "$db" init --district 110118 --office "密云区总工会"
run --db "$db" restore "$tmp/backup.db"
expect_rc 0 "restore from the backup"
run --db "$db" search 朱明敏 --json
json_check "the restored data is back" "d['count'] == 1"
run --db "$db" check
expect_rc 0 "the restored database passes the check"

echo "1..$count"
[ "$failures" -eq 0 ]
