#!/bin/sh
# test-report-cli.sh — the statistics report on the command line: an office
# with data in every register (members, hardship archives, aid paid, relief
# approved), whose report's totals (`report --json`) equal the totals of
# the registers' own lists (`export members`, `hardship list --json`,
# `aid batch list --json`, `relief list --json`); the PDF with its tables,
# capitals and page numbers; the checks of the period and the street.
#
# Copyright 2026 The UnionDesk developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-report-cli.sh UNIONDESK-CLI FILES-DIR LOCALE-DIR
# Output is TAP.

set -u

if [ $# -ne 3 ]; then
  echo "usage: $0 UNIONDESK-CLI FILES-DIR LOCALE-DIR" >&2
  exit 2
fi

cli=$1
files=$2
UD_LOCALEDIR=$3
export UD_LOCALEDIR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
db="$tmp/office.db"
count=0
failures=0
year=$(date +%Y)
today=$(date +%Y-%m-%d)

. "$(dirname "$0")/tap.sh"

run () {
  "$cli" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}

run_as () {
  user=$1
  shift
  printf 'password-of-staff\n' | "$cli" --db "$db" "$@" --as "$user" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}

expect_rc () {
  if [ "$rc" -eq "$1" ]; then pass "$2"; else fail "$2 (exit $rc, wanted $1)"; fi
}

# json_check NAME EXPR: EXPR over d, the JSON printed last, and r, the report's.
json_check () {
  if python3 -c "import json,sys; d=json.load(open(sys.argv[1])); r=json.load(open(sys.argv[2])); sys.exit(0 if ($2) else 1)" \
       "$tmp/out" "$tmp/report.json" 2>>"$tmp/err"; then
    pass "$1"
  else
    fail "$1"
  fi
}

# ---- an office with data in every register --------------------------------

printf 'office-admin-1\n' | "$cli" --db "$db" init --district 110118 --office "密云区总工会" --admin admin >/dev/null 2>&1
for account in zhao:clerk zhou:reviewer wang:approver; do
  printf 'password-of-staff\n' | "$cli" --db "$db" account add "${account%%:*}" --name "${account%%:*}" --roles "${account#*:}" >/dev/null 2>&1
done
run --db "$db" import members "$files/roster-utf8.csv"
expect_rc 0 "members imported"
run --db "$db" import hardship_archives "$files/hardship-roll-utf8.csv" --json
expect_rc 0 "hardship archives imported"

run_as zhao aid batch create --programme warmth --year "$year" --rule archived --title "春节送温暖" --commit --json
expect_rc 0 "an aid batch for the archived households"
batch=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['serial'])" "$tmp/out" 2>/dev/null)
run --db "$db" aid batch pay "$batch" --all --date "$today" --method cash
expect_rc 0 "the batch paid today"

run --db "$db" relief fund --year "$year" --budget 300000
cat >"$tmp/application.json" <<EOF
{"application_date": "$today", "relation": "self", "disease": "D01",
 "hospital": "首都医科大学附属北京朝阳医院", "hospital_grade": "三级甲等", "diagnosis_date": "2024-06-12",
 "total": "156300.00", "insurance": "80000.00", "mutual_aid": "10000.00",
 "household_size": 3, "household_income": "60000.00", "archived": false,
 "documents": ["id_copy", "card_number", "bank_card", "diagnosis", "discharge", "invoices", "approval_form"]}
EOF
approved=0
for member in 11010119780315031X 110102198507220425; do
  run --db "$db" relief apply "$tmp/application.json" --member "$member" --json
  serial=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['serial'])" "$tmp/out" 2>/dev/null)
  run --db "$db" relief submit "$serial" --opinion "情况属实。"
  run_as zhou relief review "$serial" --opinion "符合条件。" --street-opinion "同意上报。" --street-signer 赵敏
  run_as wang relief approve "$serial" --opinion "同意。"
  [ "$rc" -eq 0 ] && approved=$((approved + 1))
done
if [ "$approved" -eq 2 ]; then pass "two relief applications approved"; else fail "two relief applications approved ($approved)"; fi

# ---- the report's figures ---------------------------------------------------

run --db "$db" report --period "$year" --json
expect_rc 0 "report --json"
cp "$tmp/out" "$tmp/report.json"
json_check "the report names its period" \
  "d['year'] == $year and d['from'] == '$year-01-01' and d['to'] == '$year-12-31' and d['street'] is None"

# Every total is the sum of its rows.
json_check "each table's totals are the sums of its rows" \
  "all(t['totals'] == [sum(row['values'][c] for row in t['rows']) for c in range(len(t['columns']))] for t in d['tables'].values() if 'totals' in t)"

# Members: the roll exported, every member on it.
run --db "$db" export members "$tmp/members.csv"
expect_rc 0 "export members"
rows=$(($(wc -l <"$tmp/members.csv") - 1))
run --db "$db" report --period "$year" --json
json_check "members by status total = the members exported ($rows)" \
  "r['tables']['members_by_status']['totals'][0] == $rows"

# Hardship: those in the archive = the list of archived households.
run --db "$db" hardship list --status archived --json
json_check "households in the archive = hardship list --status archived" \
  "r['tables']['hardship_by_category']['totals'][2] == d['count'] and d['count'] > 0"

# Aid: paid this year = the batches' paid totals.
run --db "$db" aid batch list --year "$year" --json
json_check "aid paid (yuan) = aid batch list's paid totals" \
  "r['tables']['aid_by_programme']['totals'][1] == round(sum(float(b['paid_total']) for b in d['batches']) * 100) and r['tables']['aid_by_programme']['totals'][1] > 0"
json_check "aid paid (people) = the people paid" \
  "r['tables']['aid_by_programme']['totals'][0] == sum(b['paid_count'] for b in d['batches'])"

# Relief: approved this year = the applications of the year approved.
run --db "$db" relief list --year "$year" --json
json_check "relief approved (count and yuan) = relief list --year" \
  "[row['values'][0] for row in r['tables']['relief_counts']['rows']][1] == len([a for a in d['applications'] if a['status'] in ('approved', 'paid')]) == 2 and r['tables']['relief_amounts']['rows'][0]['values'][0] == round(sum(float(a['approved_amount']) for a in d['applications'] if a['status'] in ('approved', 'paid')) * 100)"
run --db "$db" relief fund --year "$year" --json
json_check "the fund's balance = relief fund's" \
  "r['tables']['relief_amounts']['rows'][2]['values'][0] == round(float(d['balance']) * 100)"

# A figure names the list behind it.
json_check "a figure names its list: the kind and the period" \
  "r['tables']['relief_counts']['rows'][0]['lists'][0] == {'kind': 'illness_application', 'filters': [{'field': 'application_date', 'op': 'from', 'value': '$year-01-01'}, {'field': 'application_date', 'op': 'until', 'value': '$year-12-31'}]}"
json_check "the summary is in sentences" "len(r['summary']) >= 4"

# ---- periods and streets ---------------------------------------------------

month=$(date +%-m)
quarter=$(( (month - 1) / 3 + 1 ))
run --db "$db" report --period "$year" --quarter "$quarter" --json
json_check "a quarter: its months" \
  "d['quarter'] == $quarter and d['from'] == '$year-%02d-01' % ($quarter * 3 - 2) and d['tables']['aid_by_programme']['totals'] == r['tables']['aid_by_programme']['totals']"
run --db "$db" report --period "$year" --month "$month" --json
json_check "a month: the day paid is in it" \
  "d['month'] == $month and d['tables']['aid_by_programme']['totals'][1] == r['tables']['aid_by_programme']['totals'][1]"
run --db "$db" report --period "$year" --street 果园街道 --json
json_check "one street: its archives only, no list links" \
  "d['street'] == '果园街道' and d['tables']['hardship_by_category']['totals'][2] <= r['tables']['hardship_by_category']['totals'][2] and d['tables']['members_by_status']['rows'][0]['lists'] == [None, None]"

run --db "$db" report --period 1999 --json
expect_rc 2 "a year out of range is a usage error"
if grep -qF "Period:" "$tmp/err"; then pass "the message names the period"; else fail "the message names the period"; fi
run --db "$db" report --period "$year" --quarter 2 --month 3 --json
expect_rc 2 "a quarter and a month together are refused"
run --db "$db" report --period "$year" --month 13 --json
expect_rc 2 "month 13 is refused"
if grep -qF "Month:" "$tmp/err"; then pass "the message names the month"; else fail "the message names the month"; fi
run --db "$db" report --period "$year"
expect_rc 2 "neither -o nor --json is a usage error"

# ---- the PDF ----------------------------------------------------------------

run --db "$db" report --period "$year" -o "$tmp/report.pdf"
expect_rc 0 "report -o FILE.pdf"
if command -v pdftotext >/dev/null 2>&1; then
  pdftotext -layout "$tmp/report.pdf" "$tmp/report.txt"
  total=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print('{:,.2f}'.format(r['tables']['aid_by_programme']['totals'][1] / 100))" "$tmp/report.json")
  if grep -qF "$total" "$tmp/report.txt"; then pass "the PDF shows the aid total ($total)"; else fail "the PDF shows the aid total ($total)"; fi
  if grep -q "叁仟" "$tmp/report.txt"; then pass "money in capitals too"; else fail "money in capitals too"; fi
  if grep -q "第 *1 *页" "$tmp/report.txt"; then pass "page numbers"; else fail "page numbers"; fi
  if grep -qF "密云区总工会" "$tmp/report.txt"; then pass "the office"; else fail "the office"; fi
else
  pass "# SKIP pdftotext missing"
fi

# In Chinese, through the built catalogues.
LC_ALL=zh_CN.UTF-8 LANGUAGE= "$cli" --db "$db" report --period "$year" --json >"$tmp/out" 2>"$tmp/err"
if python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d['tables']['members_by_status']['title'] == '会员按状态' else 1)" "$tmp/out" 2>>"$tmp/err"; then
  pass "zh_CN: the tables in Chinese"
else
  fail "zh_CN: the tables in Chinese"
fi

echo "1..$count"
[ "$failures" -eq 0 ]
