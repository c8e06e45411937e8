#!/bin/sh
# test-hardship-cli.sh — hardship households on the command line: the
# category quote on real case files, an archive from draft to archived with
# three people (clerk, reviewer, approver), exclusions and a chosen
# category, visits and the overdue list, and the aid batches paid to the
# archived households, once.
#
# Copyright 2026 The UnionDesk developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-hardship-cli.sh UNIONDESK-CLI CASES-DIR FILES-DIR LOCALE-DIR
# Output is TAP.

set -u

if [ $# -ne 4 ]; then
  echo "usage: $0 UNIONDESK-CLI CASES-DIR FILES-DIR LOCALE-DIR" >&2
  exit 2
fi

cli=$1
cases=$2
files=$3
locales=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
db="$tmp/office.db"
count=0
failures=0

. "$(dirname "$0")/tap.sh"

run () {
  "$cli" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}

# run_as USER ARGS…: as a staff account, its password on standard input.
run_as () {
  user=$1
  shift
  printf 'password-of-staff\n' | "$cli" --db "$db" "$@" --as "$user" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}

err_has () {
  if grep -q -- "$1" "$tmp/err"; then pass "$2"; else fail "$2"; fi
}

out_has () {
  if grep -q -- "$1" "$tmp/out"; then pass "$2"; else fail "$2"; fi
}

one_line_err () {
  if [ "$(wc -l <"$tmp/err")" -eq 1 ]; then pass "$1"; else fail "$1"; fi
}

# ---- hardship quote -------------------------------------------------------

run --db "$tmp/none.db" hardship quote "$cases/case-issue.json"
expect_rc 0 "quote: the issue's example"
json_check "quote: deep, 1083.33 against 1450.00, eligible" \
  "d['eligible'] is True and d['category'] == 'deep' and d['per_capita'] == '1083.33' and d['line'] == '1450.00' and d['failed'] == [] and len(d['reasons']) == 2 and d['rules_version'] == '2024-01' and list(d) == ['eligible','category','per_capita','line','failed','reasons','rules_version']"
if [ ! -e "$tmp/none.db" ]; then pass "quote: touches no database"; else fail "quote: touches no database"; fi

run --db "$tmp/none.db" hardship quote "$cases/case-accident.json"
json_check "quote: costs a fen above 80 % of the income is accident" \
  "d['category'] == 'accident' and d['eligible'] is True and d['per_capita'] == '5000.00'"

sed 's/"losses": "40000.01"/"losses": "40000.00"/' "$cases/case-accident.json" >"$tmp/at80.json"
run --db "$tmp/none.db" hardship quote "$tmp/at80.json"
json_check "quote: exactly 80 % is not in hardship" \
  "d['category'] == 'none' and d['eligible'] is False and d['failed'] == ['not_in_hardship']"

sed 's/"employed_months": 30/"employed_months": 11/' "$cases/case-issue.json" | "$cli" --db "$tmp/none.db" hardship quote - >"$tmp/out" 2>"$tmp/err"
json_check "quote: a migrant worker of 11 months fails" \
  "d['category'] == 'deep' and d['failed'] == ['migrant_under_one_year'] and d['eligible'] is False"

for bad in 's/"size": 3/"size": 0/' 's/"6000.00"/"-6000.00"/' 's/"losses": "0",//' 's/"date": "2024-09-01"/"date": "2022-06-30"/' 's/"employment": "migrant"/"employment": "farmer"/' 's/"two_homes": false/"two_homes": false, "three_homes": false/'; do
  sed "$bad" "$cases/case-issue.json" >"$tmp/bad.json"
  run --db "$tmp/none.db" hardship quote "$tmp/bad.json"
  expect_rc 1 "quote: bad input ($bad) is exit 1"
  one_line_err "quote: one sentence ($bad)"
done
run --db "$tmp/none.db" hardship quote "$tmp"
expect_rc 1 "quote: a folder is refused"

# ---- an office, its staff and members ---------------------------------------

printf 'office-admin-1\n' | "$cli" --db "$db" init --district 110118 --office "密云区总工会" --admin admin >/dev/null 2>&1
for account in zhao:clerk li:reviewer wang:approver; do
  printf 'password-of-staff\n' | "$cli" --db "$db" account add "${account%%:*}" --name "${account%%:*}" --roles "${account#*:}" >/dev/null 2>&1
done
run --db "$db" import members "$files/roster-utf8.csv"
expect_rc 0 "the office is set up with staff and members"

# ---- an archive from draft to archived ---------------------------------------

run_as zhao hardship apply "$cases/archive.json" --member 11010119780315031X --json
expect_rc 0 "apply: the clerk makes a draft with its household"
json_check "apply: the category is computed, the serial given, the income summed" \
  "d['serial'] == '困难-110118-2024-01-0001' and d['category'] == 'deep' and d['computed_category'] == 'deep' and d['per_capita'] == '1083.33' and d['income_12m'] == '48000.00' and d['status'] == 'draft' and d['member_name'] == '王建国'"
serial=困难-110118-2024-01-0001

run --db "$db" hardship show "$serial" --json
json_check "show: the household of three, in order, with birth dates" \
  "[p['name'] for p in d['household']] == ['王建国','王小明','李桂芝'] and d['household'][1]['birth_date'] == '2008-05-01' and d['next_steps'] == ['submit']"

run_as zhao hardship step "$serial" submit --opinion "经入户走访，情况属实。" --signer 赵干事 --signed-on 2024-09-05 --home-visit-on 2024-09-04
expect_rc 0 "step submit: the first review with the home visit"
run_as zhao hardship step "$serial" street --opinion "同意上报。" --signed-on 2024-09-10
expect_rc 0 "step street: the street's opinion from paper"
run_as zhao hardship step "$serial" review --opinion "符合条件。"
expect_rc 1 "step review: the clerk may not review"
run_as li hardship step "$serial" review --opinion "符合深度困难条件。"
expect_rc 0 "step review: the reviewer"
run_as zhao hardship step "$serial" notice --notice-from 2024-09-16 --notice-to 2024-09-19
expect_rc 1 "step notice: four working days are refused"
err_has "5 working days" "step notice: the refusal says the rule"
run_as zhao hardship step "$serial" notice --notice-from 2024-09-16 --notice-to 2024-09-20
expect_rc 0 "step notice: five working days"
run_as li hardship step "$serial" approve --opinion "同意。"
expect_rc 1 "step approve: the reviewer may not approve"
run_as wang hardship step "$serial" approve --opinion "同意建档。"
expect_rc 0 "step approve: the approver archives it"
run --db "$db" hardship show "$serial" --json
json_check "show: archived today, the trail of six steps, the next visit in 6 months" \
  "d['status'] == 'archived' and d['decided_by'] == 'wang' and d['reviewed_by'] == 'li' and [s['step'] for s in d['steps']] == ['create','submit','street','review','notice','approve'] and d['visit_due'] > d['archived_on']"

# Exclusions block the approval unless overridden with a reason.
run_as zhao hardship apply "$cases/archive-two-homes.json" --member 110102198507220425 --json
json_check "apply: an exclusion is a condition not met" "d['failed_rules'] == ['two_homes'] and d['category'] == 'deep'"
two=困难-110118-2024-01-0002
run_as zhao hardship step "$two" submit --opinion "情况属实。" --signed-on 2024-09-05 --home-visit-on 2024-09-03
run_as zhao hardship step "$two" street --opinion "同意。" --signed-on 2024-09-06
run_as li hardship step "$two" review --opinion "有两套住房，请审批人定夺。"
run_as zhao hardship step "$two" notice --notice-from 2024-09-09 --notice-to 2024-09-13
run_as wang hardship step "$two" approve --opinion "同意。"
expect_rc 1 "approve: an exclusion without an override is refused"
err_has "Two or more homes" "approve: the refusal names the exclusion"
run_as wang hardship step "$two" approve --opinion "同意。" --exclusion-override "第二套住房为危房，无法居住。"
expect_rc 0 "approve: the approver overrides the exclusion with a reason"

# A chosen category other than the computed one needs its reason.
run_as zhao hardship apply "$cases/archive-other-category.json" --member 110105199001080158
expect_rc 1 "apply: another category than the computed without a reason is refused"
err_has "write down the reason" "apply: the refusal asks for the reason"
sed 's/"category": "deep"/"category": "deep", "category_reason": "家中有重病人，实际支出大"/' "$cases/archive-other-category.json" >"$tmp/other.json"
run_as zhao hardship apply "$tmp/other.json" --member 110105199001080158 --json
json_check "apply: with its reason it is saved" "d['category'] == 'deep' and d['computed_category'] == 'relative'"

# Bad input names the field, in Chinese under zh_CN.
printf '{"application_date": "2024-09-01", "household_size": 0, "cause_main": "laid_off"}' >"$tmp/zero.json"
run --db "$db" hardship apply "$tmp/zero.json" --member 110106199211300282
expect_rc 1 "apply: a household of 0 is refused"
one_line_err "apply: in one sentence"
printf '{"application_date": "2024-09-01", "household_size": 1, "cause_main": "laid_off", "per_capita": "1"}' >"$tmp/derived.json"
run --db "$db" hardship apply "$tmp/derived.json" --member 110106199211300282
expect_rc 1 "apply: a computed field given is refused"
err_has "per_capita" "apply: the refusal names it"
LANGUAGE=zh_CN LC_ALL=C.UTF-8 UD_LOCALEDIR=$locales "$cli" --db "$db" hardship apply "$tmp/zero.json" --member 110106199211300282 >"$tmp/out" 2>"$tmp/err"
err_has "家庭人口" "apply: the field is named in Chinese under zh_CN"
run --db "$db" hardship list --status draft --json
json_check "nothing half-saved: one draft only" "d['count'] == 1"

# ---- visits and the overdue list ---------------------------------------------

run_as zhao hardship visit "$two" --date 2024-01-05 --visitor 赵干事 --notes "入户看望。"
expect_rc 1 "visit: not before the household was archived"
run --db "$db" hardship list --overdue --json
json_check "overdue: none yet" "d['count'] == 0"
run --db "$db" hardship list --status archived --json
json_check "list: two archived" "d['count'] == 2"

# ---- aid programmes and batches ----------------------------------------------

run --db "$db" aid programme list --json
json_check "programmes: the six defaults of DOMAIN §4 with their amounts" \
  "[p['code'] for p in d['programmes']] == ['autumn_school','illness_visit','model_worker_care','single_parent','temporary','warmth'] and [(a['recipient_class'], a['amount']) for p in d['programmes'] if p['code'] == 'warmth' for a in p['amounts']] == [('archived_household','1500.00'),('model_worker','1000.00')]"

run_as zhao aid programme add warmth --year 2025 --amount archived_household=1800
expect_rc 1 "programme amounts: a clerk may not change them"
run --db "$db" aid programme add warmth --year 2025 --amount archived_household=1800
expect_rc 0 "programme amounts: 2025 gets its own amount"
run --db "$db" aid programme list --year 2024 --json
json_check "programme amounts: 2024 keeps 1,500.00" \
  "[a['amount'] for p in d['programmes'] if p['code'] == 'warmth' for a in p['amounts'] if a['recipient_class'] == 'archived_household'] == ['1500.00']"

run_as zhao aid batch create --programme warmth --year 2024 --rule archived --title "2024年春节送温暖" --json
json_check "batch preview: every archived household, 1,500.00 each, nothing stored" \
  "d['committed'] is False and d['count'] == 2 and d['sum'] == '3000.00' and [p['name'] for p in d['payments']] == ['王建国','李秀兰']"
run --db "$db" aid batch list --json
json_check "batch preview: no batch stored" "d['batches'] == []"

run_as zhao aid batch create --programme warmth --year 2024 --rule archived --title "2024年春节送温暖" --commit --json
expect_rc 0 "batch create --commit"
json_check "batch: numbered, two recipients, 3,000.00" \
  "d['serial'] == '帮扶-110118-2024-01-0001' and d['recipients'] == 2 and d['total'] == '3000.00' and d['paid_count'] == 0 and d['payments'][0]['recipient_kind'] == 'hardship_archive'"
batch=帮扶-110118-2024-01-0001

run_as zhao aid batch add "$batch" --archive "$serial"
expect_rc 1 "batch add: the same person twice in a batch is refused"
err_has "line 1 of batch $batch" "batch add: the refusal names the earlier payment"
one_line_err "batch add: in one sentence"
run_as zhao aid batch add "$batch" --member 110108196905040779 --class model_worker
expect_rc 0 "batch add: a model worker by hand"
out_has "3 recipients, 4,000.00 in all" "batch add: the total follows"

run_as zhao aid batch create --programme warmth --year 2024 --rule archived --json
json_check "a second batch of the programme-year sets aside those paid once a year" \
  "d['count'] == 0 and len(d['set_aside']) == 2 and 'paid once a year' in d['set_aside'][0]['set_aside'] and 'line 1 of batch' in d['set_aside'][0]['set_aside']"
run_as zhao aid batch create --programme warmth --year 2024 --rule archived --commit
expect_rc 1 "a batch by rule that picks nobody is not made"

run_as li aid batch pay "$batch" --line 1 --date 2024-01-20 --method jingka --receipt T20240120001
expect_rc 1 "batch pay: a reviewer may not record a payment"
run --db "$db" aid batch pay "$batch" --line 1 --date 2999-01-01 --method jingka --receipt T1
expect_rc 1 "batch pay: a day ahead is refused"
run --db "$db" aid batch pay "$batch" --line 1 --date 2024-01-20 --method bank
expect_rc 1 "batch pay: a bank transfer needs its number"
run_as zhao aid batch pay "$batch" --line 1 --date 2024-01-20 --method jingka --receipt T20240120001
expect_rc 0 "batch pay: line 1 by Jingka card, by the clerk"
run --db "$db" aid batch pay "$batch" --id 11010119780315031X --date 2024-01-21 --method cash
expect_rc 1 "batch pay: a line paid is not paid twice"
err_has "paid on 2024-01-20" "batch pay: the refusal says when it was paid"
run --db "$db" aid batch pay "$batch" --all --date 2024-01-22 --method cash
expect_rc 0 "batch pay: the rest in cash, signed for"
run --db "$db" aid batch show "$batch" --json
json_check "batch show: all paid, each with its day, method and who recorded it" \
  "d['paid_count'] == 3 and d['paid_total'] == '4000.00' and [p['method'] for p in d['payments']] == ['jingka','cash','cash'] and all(p['paid_by'] for p in d['payments'])"
run --db "$db" aid batch list --year 2024 --json
json_check "batch list: totals by programme and year" \
  "d['totals'] == [{'programme_year': '两节送温暖 2024', 'recipients': 3, 'total': '4000.00', 'paid_total': '4000.00'}]"

run_as zhao aid fund --year 2024 --budget 10000
expect_rc 1 "aid fund: a clerk may not set the budget"
run --db "$db" aid fund --year 2024 --budget 4500 --json
json_check "aid fund: budget, committed, paid and balance of the year" \
  "d['budget'] == '4500.00' and d['committed'] == '4000.00' and d['paid'] == '4000.00' and d['balance'] == '500.00' and d['uncommitted'] == '500.00' and d['batches'] == 1"
run_as zhao aid batch create --programme warmth --year 2024 --rule hand --commit
run_as zhao aid batch add 帮扶-110118-2024-01-0002 --member 110106199211300282 --class model_worker --amount 1000
expect_rc 1 "aid fund: a line beyond the budget is refused"
err_has "exceed it by 500.00" "aid fund: the refusal says by how much"
run --db "$db" aid batch show 帮扶-110118-2024-01-0002 --json
json_check "aid fund: nothing of the refused line stayed" "d['recipients'] == 0 and d['payments'] == []"

run_as zhao aid batch create --programme autumn_school --year 2024 --rule school --json
json_check "金秋助学 by school level: the high-school child, 4,000.00" \
  "d['count'] == 1 and d['payments'][0]['name'] == '王小明' and d['payments'][0]['recipient_class'] == 'high_school' and d['payments'][0]['amount'] == '4000.00' and d['payments'][0]['household'] == '王建国'"

# ---- the papers ---------------------------------------------------------------

run --db "$db" print archive-form "$serial" -o "$tmp/form.pdf"
expect_rc 0 "print archive-form"
if [ "$(pdfinfo "$tmp/form.pdf" | sed -n 's/^Pages: *//p')" = 1 ]; then pass "archive form: one A4 page"; else fail "archive form: one A4 page"; fi
if pdftotext "$tmp/form.pdf" - | tr -d ' \n' | grep -q "困难职工建档审批表.*王建国.*深度困难.*区总工会审批意见"; then pass "archive form: title, member, category and opinions"; else fail "archive form: its text"; fi
run --db "$db" print receipt-list "$batch" -o "$tmp/receipts.pdf"
expect_rc 0 "print receipt-list"
if pdftotext -layout "$tmp/receipts.pdf" - | tr -d ' ' | grep -q "合计（3人）：人民币（大写）肆仟元整￥4,000.00"; then pass "receipt list: the total in capitals and figures"; else fail "receipt list: the total"; fi
run --db "$db" print notice-list -o "$tmp/notice.pdf"
expect_rc 1 "print notice-list: nothing in notice is said"
one_line_err "print notice-list: in one sentence"
run --db "$db" audit --json
json_check "printing is in the audit trail" "sum(1 for e in (d if isinstance(d, list) else d.get('entries', [])) if e.get('action') == 'print') >= 2"

# ---- the archive roll ----------------------------------------------------------

roll="$tmp/roll.db"
printf 'office-admin-1\n' | "$cli" --db "$roll" init --district 110118 --office "密云区总工会" --admin admin >/dev/null 2>&1
"$cli" --db "$roll" import members "$files/roster-utf8.csv" >/dev/null 2>&1
run --db "$roll" import hardship_archives "$files/hardship-roll-gb18030.csv" --dry-run --json
expect_rc 0 "roll import (GB18030), dry run"
json_check "roll import: two archived, three rows refused naming row, column and reason, nothing saved" \
  "d['imported'] == 2 and d['rejected'] == 3 and d['dry_run'] and [(e['row'], e['column'], e['code']) for e in d['errors']] == [(3,'建档日期','required'),(4,'身份证号','no_member'),(5,'困难类别','unknown_choice')]"
run --db "$roll" hardship list --json
json_check "roll import: a dry run saves nothing" "d['count'] == 0"
run --db "$roll" import hardship_archives "$files/hardship-roll-utf8.csv" --json
json_check "roll import (UTF-8): the good rows archived" "d['imported'] == 2 and d['rejected'] == 3"
run --db "$roll" hardship show 110102198507220425 --json
json_check "roll import: archived on the roll's day, category as recorded, income and cause, a trail" \
  "d['status'] == 'archived' and d['archived_on'] == '2024-04-02' and d['category'] == 'relative' and d['income_12m'] == '38000.00' and d['household_size'] == 2 and d['cause_main'] == 'laid_off' and [s['step'] for s in d['steps']] == ['create'] and d['visit_due'] != ''"
run --db "$roll" import hardship_archives "$files/hardship-roll-utf8.csv" --json
json_check "roll import again: nothing new, nothing doubled" "d['imported'] == 0 and d['unchanged'] == 2"
printf 'office-admin-1\n' | "$cli" --db "$roll" export hardship_archives "$tmp/roll.xlsx" --as admin >"$tmp/out" 2>"$tmp/err"
rc=$?
expect_rc 0 "roll export to Excel, whole ID numbers as the administrator"
copy="$tmp/copy.db"
printf 'office-admin-1\n' | "$cli" --db "$copy" init --district 110118 --office "密云区总工会" --admin admin >/dev/null 2>&1
"$cli" --db "$copy" import members "$files/roster-utf8.csv" >/dev/null 2>&1
run --db "$copy" import hardship_archives "$tmp/roll.xlsx" --json
json_check "roll import (.xlsx written by the export): the same two archives" "d['imported'] == 2 and d['rejected'] == 0"
run --db "$copy" hardship show 110102198507220425 --json
json_check "roll round trip: the same category, income and day" \
  "d['category'] == 'relative' and d['income_12m'] == '38000.00' and d['archived_on'] == '2024-04-02'"

echo "1..$count"
[ "$failures" -eq 0 ]
