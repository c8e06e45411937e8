#!/bin/sh
# test-illness-cli.sh — serious-illness relief from the command line
# (issue 4): reference tables in the office database, an application from
# draft to payment with the separation of duties (--as USER), the fund,
# the approval form printed to PDF.
#
# Copyright 2026 The UnionDesk developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-illness-cli.sh UNIONDESK-CLI FILES-DIR
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

# run_as USER ARGS... — the account's password as one line on stdin
run_as () {
  user=$1
  shift
  printf 'password-of-staff\n' | "$cli" "$@" --as "$user" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}

expect_err () {
  if grep -qF -- "$1" "$tmp/err"; then pass "$2"; else fail "$2"; fi
}

# json_check DESCRIPTION PYTHON-EXPRESSION — evaluated with d = stdout as
# JSON and me = the operating-system user
json_check () {
  if python3 -c "import json,sys; d=json.load(open(sys.argv[1])); me=sys.argv[2]; sys.exit(0 if ($2) else 1)" "$tmp/out" "$me" 2>>"$tmp/err"; then
    pass "$1"
  else
    fail "$1"
  fi
}

serial=大病-110118-2024-01-0001
second=大病-110118-2024-01-0002

# An office, its staff and its members.
printf 'office-admin-1\n' | "$cli" --db "$db" init --district 110118 --office "密云区总工会" --admin admin >/dev/null 2>&1
for account in li:clerk zhou:reviewer wang:approver; do
  printf 'password-of-staff\n' | "$cli" --db "$db" account add "${account%%:*}" --name "${account%%:*}" --roles "${account#*:}" >/dev/null 2>&1
done
run --db "$db" import members "$files/roster-utf8.csv"
expect_rc 0 "the office is set up with staff and members"

# The office number: 01 unless set; it goes into every new serial.
run --db "$db" office --json
expect_rc 0 "office --json"
json_check "the office number is 01 by default" \
  "d['office_number'] == '01' and d['district'] == '110118' and d['office_name'] == '密云区总工会'"
run --db "$db" office --number 100
expect_rc 1 "an office number above 99 is refused"
expect_err "Office number: must be a number from 01 to 99" "the message names the field"
run --db "$tmp/numbered.db" init --district 110118 --office "第二办公室" --office-number x1
expect_rc 1 "init with a bad office number fails"
expect_err "Office number:" "init says which field"
run --db "$tmp/numbered.db" office
expect_rc 1 "and sets nothing up"
run --db "$tmp/numbered.db" init --district 110118 --office "第二办公室" --office-number 7
expect_rc 0 "init --office-number 7"
if grep -qF "Office number 07" "$tmp/out"; then pass "init prints the office number as two digits"; else fail "init prints the office number as two digits"; fi
run --db "$tmp/numbered.db" office --number 03
expect_rc 0 "office --number 03"
run --db "$tmp/numbered.db" office
if grep -qF "office number 03" "$tmp/out"; then pass "office shows the new number"; else fail "office shows the new number"; fi
run --db "$tmp/numbered.db" audit --action office_number --json
json_check "each change of the number is in the audit trail" \
  "d['count'] == 2 and [e['new_value'] for e in d['entries']] in (['03', '07'], ['07', '03'])"

cat >"$tmp/case-2025.json" <<'EOF'
{"date": "2025-03-01", "relation": "self", "disease": "D01", "member_active": true,
 "costs": {"total": "70000.00", "insurance": "0", "government_aid": "0", "mutual_aid": "0", "other": "0"},
 "household": {"size": 2, "income_12m": "200000.00", "archived": false}}
EOF
cat >"$tmp/rules-2025.json" <<'EOF'
{"version": "2025-01", "effective": "2025-01-01", "threshold": "20000.00",
 "tiers": [{"from": "20000.00", "amount": "3000.00"}, {"from": "60000.00", "amount": "6000.00"}],
 "relations": ["self", "spouse"], "hardship": [{"steps": 1, "income_below_line_times": 1}],
 "window_days": 365, "min_amount": "3000.00", "max_amount": "20000.00"}
EOF

# Reference tables: stored in the database, new versions by the administrator.
run --db "$db" relief reference list --json
json_check "the shipped tables are in the database" \
  "[(v['kind'], v['version'], v['in_use'], v['created_by']) for v in d['versions'] if v['kind'] != 'low_income_line'] == [('diseases', '2024-01', False, 'UnionDesk'), ('relief_rules', '2024-01', False, 'UnionDesk'), ('room_standards', '2019-01', False, 'UnionDesk')] and len(d['versions']) == 6"
run_as li --db "$db" relief reference add relief_rules "$tmp/rules-2025.json"
expect_rc 1 "a clerk cannot add a reference version"
expect_err "may not edit reference tables" "the message says why"
run --db "$db" relief reference add relief_rules "$tmp/rules-2025.json"
expect_rc 0 "the administrator adds the 2025 rules"
run --db "$db" relief quote "$tmp/case-2025.json"
json_check "relief quote reads the office's rules" "d['rules_version'] == '2025-01' and d['amount'] == '6000.00'"
run --db "$tmp/not-an-office.db" relief quote "$tmp/case-2025.json"
json_check "without an office, the shipped rules" "d['rules_version'] == '2024-01' and d['amount'] == '5000.00'"
if [ -e "$tmp/not-an-office.db" ]; then fail "a quote creates no database"; else pass "a quote creates no database"; fi

# An application, from a file in the shape of the quote's case.
cat >"$tmp/application.json" <<'EOF'
{"application_date": "2024-09-01", "relation": "self", "disease": "D01",
 "hospital": "首都医科大学附属北京朝阳医院", "hospital_grade": "三级甲等", "diagnosis_date": "2024-06-12",
 "total": "156300.00", "insurance": "80000.00", "mutual_aid": "10000.00",
 "household_size": 3, "household_income": "60000.00", "archived": false,
 "documents": ["id_copy", "card_number", "bank_card", "diagnosis", "discharge", "invoices", "approval_form"]}
EOF
sed 's/"insurance"/"insurence"/' "$tmp/application.json" >"$tmp/misspelt.json"

run --db "$db" relief apply "$tmp/misspelt.json" --member 11010119780315031X
expect_rc 1 "a misspelt field is refused"
expect_err "insurence: is not a field of an application" "the message names the field"
run --db "$db" relief apply "$tmp/application.json" --member 110101197803150000
expect_rc 1 "an unknown member is refused"
run --db "$db" relief apply "$tmp/application.json"
expect_rc 2 "apply without --member is a usage error"
run --db "$db" relief apply "$tmp/application.json" --member 11010119780315031X --json
expect_rc 0 "relief apply"
json_check "the application is numbered and quoted" \
  "d['serial'] == '$serial' and d['status'] == 'draft' and d['suggested_amount'] == '8000.00' and d['tier'] == 3 and d['rules_version'] == '2024-01' and d['created_by'] == me and d['member_name'] == '王建国'"
run --db "$db" relief list --json
json_check "relief list" "d['count'] == 1 and d['applications'][0]['serial'] == '$serial'"

# The workflow.
run --db "$db" relief approve "$serial"
expect_rc 2 "approve without --opinion is a usage error"
run --db "$db" relief approve "$serial" --opinion "同意。"
expect_rc 1 "a draft cannot be approved"
expect_err "this step needs it to be “Reviewed”" "the message names the status needed"
run --db "$db" relief submit "$serial" --opinion "情况属实，同意申请。" --signer 李建国 --signed-on 2024-09-02
expect_rc 0 "relief submit"
run_as zhou --db "$db" relief review "$serial" --opinion "材料齐全，符合条件。" --street-opinion "经核实，同意上报。" --street-signer 赵敏
expect_rc 0 "relief review --as the reviewer"
run --db "$db" relief approve "$serial" --opinion "同意。"
expect_rc 1 "whoever created the application may not approve it"
expect_err "created this application and so may not approve it" "the message says why"
run_as li --db "$db" relief approve "$serial" --opinion "同意。"
expect_rc 1 "a clerk cannot approve"
expect_err "“li” (Clerk) may not approve applications" "the message names the role needed"
printf 'not-the-password\n' | "$cli" --db "$db" relief approve "$serial" --opinion "同意。" --as wang >"$tmp/out" 2>"$tmp/err"
rc=$?
expect_rc 1 "--as with a wrong password is refused"
run_as wang --db "$db" relief approve "$serial" --opinion "同意。"
expect_rc 1 "nothing is approved without a budget"
expect_err "No budget is set for the 2024 fund" "the message says so"
run_as li --db "$db" relief fund --year 2024 --budget 300000
expect_rc 1 "a clerk cannot set the budget"
run --db "$db" relief fund --year 2024 --budget 300,000.00
expect_rc 0 "the administrator sets the 2024 budget"
run_as wang --db "$db" relief approve "$serial" --opinion "同意。" --amount 6000
expect_rc 1 "another amount needs a reason"
expect_err "differs from the suggested 8,000.00, so write down the reason" "the message says why"
run_as wang --db "$db" relief approve "$serial" --opinion "同意。" --amount 25000 --reason "病情特别严重。"
expect_rc 1 "an amount above the range is refused"
expect_err "must lie between 2,000.00 and 20,000.00" "the message gives the range"
run_as wang --db "$db" relief approve "$serial" --opinion "同意救助。" --amount 6000 --reason "家庭已获其他社会捐助。"
expect_rc 0 "relief approve --as the approver, another amount with its reason"
run --db "$db" relief reference update relief_rules 2024-01 "$tmp/rules-2025.json"
expect_rc 1 "a version a decision used cannot change"
expect_err "was used by a decision and can no longer change" "the message says why"
run --db "$db" relief notice "$serial" --from 2024-09-12 --to 2024-09-18
expect_rc 0 "relief notice"
run_as li --db "$db" relief pay "$serial" --date "$(date +%Y-%m-%d)" --method cash --receipt XJ-0001
expect_rc 0 "relief pay --as the clerk"

run --db "$db" relief show "$serial" --json
json_check "the application is paid, with its amounts and reasons" \
  "d['status'] == 'paid' and d['approved_amount'] == '6000.00' and d['suggested_amount'] == '8000.00' and d['amount_reason'] == '家庭已获其他社会捐助。' and d['payment_method'] == 'cash' and d['receipt_number'] == 'XJ-0001'"
json_check "the trail says who did what" \
  "[(s['step'], s['actor']) for s in d['steps']] == [('create', me), ('submit', me), ('street', 'zhou'), ('review', 'zhou'), ('approve', 'wang'), ('notice', me), ('pay', 'li')] and d['steps'][1]['signer'] == '李建国' and d['steps'][2]['signer'] == '赵敏'"

# The same in words a person reads: no uuids, no codes, people by name.
run --db "$db" relief show "$serial"
expect_rc 0 "relief show"
if grep -q "^Disease: D01 ." "$tmp/out"; then pass "the disease by its name too"; else fail "the disease by its name too"; fi
if grep -qF "Documents received: Copy of the ID card, Service card number, " "$tmp/out"; then pass "the documents by their names"; else fail "the documents by their names"; fi
if grep -Eq "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-" "$tmp/out"; then fail "no uuid is shown"; else pass "no uuid is shown"; fi
if grep -q "Submitted.*情况属实，同意申请。  (signed by 李建国 on 2024-09-02)" "$tmp/out"; then pass "the trail with the paper's signer and date"; else fail "the trail with the paper's signer and date"; fi
if grep -Eq "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}  zhou  " "$tmp/out"; then pass "the trail in local time"; else fail "the trail in local time"; fi
run --db "$db" audit --kind illness_application
if grep -Eq "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-" "$tmp/out"; then fail "the audit names no uuid"; else pass "the audit names no uuid"; fi
if grep -qF "Serious-illness relief application $serial 王建国  Status: Reviewed → Approved  Step: Approve" "$tmp/out"; then pass "the audit names the application and the step"; else fail "the audit names the application and the step"; fi

# A second application, rejected.
sed 's/2024-09-01/2024-10-08/' "$tmp/application.json" >"$tmp/second.json"
run --db "$db" relief apply "$tmp/second.json" --member 110102198507220425
expect_rc 0 "a second application"
run --db "$db" relief submit "$second" --opinion "同意申请。"
run_as zhou --db "$db" relief return "$second" --reason "请补充出院小结。"
expect_rc 0 "the reviewer returns it"
run --db "$db" relief update "$second" "$tmp/second.json" --json
json_check "a returned application is a draft that can change" "d['status'] == 'draft' and d['status_note'] == '请补充出院小结。'"
run --db "$db" relief submit "$second" --opinion "已补充材料。"
run_as wang --db "$db" relief reject "$second" --opinion "家庭收入超过标准，不予救助。"
expect_rc 0 "relief reject"
run --db "$db" relief list --year 2024 --status rejected --json
json_check "relief list --status" "d['count'] == 1 and d['applications'][0]['serial'] == '$second' and d['applications'][0]['decided_by'] == 'wang'"

run --db "$db" relief fund --year 2024 --json
json_check "the year's totals" \
  "d['people'] == 1 and d['approved_total'] == '6000.00' and d['paid_total'] == '6000.00' and d['balance'] == '294000.00' and d['rejected_count'] == 1 and d['summary'] == '1 person, 6,000.00 yuan approved; 294,000.00 yuan left'"

# The approval form.
run --db "$db" print illness-form "$serial"
expect_rc 2 "print without -o is a usage error"
run --db "$db" print hardship-form "$serial" -o "$tmp/x.pdf"
expect_rc 2 "an unknown document is a usage error"
run --db "$db" print illness-form 大病-110118-2024-01-0099 -o "$tmp/x.pdf"
expect_rc 1 "an unknown application"
expect_err "There is no application “大病-110118-2024-01-0099”" "the message names it"
run_as zhou --db "$db" print illness-form "$serial" -o "$tmp/form.pdf"
expect_rc 0 "print illness-form"
if head -c 5 "$tmp/form.pdf" | grep -q '%PDF-'; then pass "a PDF is written"; else fail "a PDF is written"; fi
size=$(wc -c <"$tmp/form.pdf")
if [ "$size" -le 307200 ]; then pass "the PDF is at most 300 KB ($size bytes)"; else fail "the PDF is at most 300 KB ($size bytes)"; fi
run --db "$db" audit --action print --json
json_check "the print is in the audit trail" \
  "d['count'] == 2 and all(e['actor'] == 'zhou' for e in d['entries']) and sorted(e['kind'] for e in d['entries']) == ['illness_application', 'member']"

echo "1..$count"
[ "$failures" -eq 0 ]
