#!/bin/sh
# test-teams-cli.sh — model-worker poverty-relief teams on the command line
# (issue 10): a team of 12 model workers from the roll with 30 assisted
# households, each paid 500 yuan through an aid batch, its receipt list,
# its activities, projects and totals, the team's year as a PDF, import
# and export of its rosters, a member's honours, and bad input named.
#
# Copyright 2026 The UnionDesk developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-teams-cli.sh UNIONDESK-CLI FILES-DIR LOCALE-DIR
# Output is TAP.

set -u

if [ $# -ne 3 ]; then
  echo "usage: $0 UNIONDESK-CLI FILES-DIR LOCALE-DIR" >&2
  exit 2
fi

cli=$1
files=$2
locales=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
db="$tmp/office.db"
team=密云区劳模扶贫队
count=0
failures=0

. "$(dirname "$0")/tap.sh"

run () {
  "$cli" --db "$db" "$@" >"$tmp/out" 2>"$tmp/err"
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

# pdf_has FILE TEXT WHAT: the PDF's text holds TEXT.
pdf_has () {
  if pdftotext -layout "$1" - 2>/dev/null | tr -d ' ' | grep -q -- "$2"; then pass "$3"; else fail "$3"; fi
}

# ---- the office, the model workers on the roll, the team ----------------------
printf 'office-admin-1\n' | "$cli" --db "$db" init --district 110118 --office "密云区总工会" --admin admin >/dev/null 2>&1
run import members "$files/model-workers.csv"
expect_rc 0 "the 12 model workers are on the roll"
out_has "12 imported" "import: 12 members"

run team add --name "$team" --captain 王建国 --responsible-union 密云区总工会 --paired-locality 河北省承德市滦平县 --founded 2023-05-01
expect_rc 0 "team add: the team"
run team add --name 另一队 --responsible-union 密云区总工会 --paired-locality 滦平县
expect_rc 1 "team add: without a captain is refused"
one_line_err "team add: in one sentence"
err_has "Captain" "team add: the refusal names the field"
LANGUAGE=zh_CN LC_ALL=C.UTF-8 UD_LOCALEDIR=$locales "$cli" --db "$db" team add --name 另一队 --responsible-union 密云区总工会 --paired-locality 滦平县 >"$tmp/out" 2>"$tmp/err"
err_has "队长" "team add: the field named in Chinese under zh_CN"
run team add --name "$team" --captain 李秀英 --responsible-union 密云区总工会 --paired-locality 滦平县
expect_rc 1 "team add: a second team of the same name is refused"
run team add --name 第三队 --captain 李秀英 --responsible-union 密云区总工会 --paired-locality 滦平县 --founded 2999-01-01
expect_rc 1 "team add: founded in the future is refused"
run team list --json
json_check "nothing half-saved: one team" "d['count'] == 1 and d['teams'][0]['name'] == '$team' and d['teams'][0]['status'] == 'active'"

# ---- members from the roll, households, by import ------------------------------
run team import members "$files/team-members.csv"
expect_rc 0 "team import members: 12 model workers"
out_has "12 imported" "team import members: all 12 imported"
run team import members "$files/team-members.csv"
out_has "12 unchanged" "team import members again: the same 12, unchanged"
run team member add "$team" --id-number 110228196501101011 --expertise 养蜂
expect_rc 1 "member add: a member is in a team once"
err_has "already" "member add: the refusal says so"
run team member add "$team" --id-number 130824195001202015
expect_rc 1 "member add: an ID number not on the roll is refused"
err_has "no member on the roll" "member add: the refusal says the roll has nobody with it"
printf '帮扶队,身份证号,专业特长\n%s,130824195001202015,养蜂\n不存在的队,110228196501101011,养蜂\n' "$team" >"$tmp/bad-members.csv"
run team import members "$tmp/bad-members.csv"
out_has "2 rejected" "team import members: rows with no member or no team are rejected"
out_has "Row 2" "team import members: the row is named"

run team import households "$files/households.csv"
expect_rc 0 "team import households: 30 households"
out_has "30 imported" "team import households: all 30 imported"
run team household add "$team" --head 张三 --head-id-number 130824195001202015 --village 西沟村 --size 0 --cause 因病 --registration-number 130824X
expect_rc 1 "household add: a household of 0 is refused"
err_has "Household size" "household add: the refusal names the field"
run team household add "$team" --head 张三 --head-id-number 130824195001202015 --village 西沟村 --size 3 --cause 因病 --registration-number 13082420160001
expect_rc 1 "household add: a registration number twice is refused"

run team show "$team" --json
json_check "show: 12 members with their titles, 30 households" \
  "len(d['members']) == 12 and len(d['households']) == 30 and any(m['name'] == '王建国' and m['title_level'] == 'beijing_model' and m['role'] == 'captain' for m in d['members'])"

# ---- activities and projects ------------------------------------------------------
run team activity add "$team" --date 2024-05-20 --type 产业 --place 滦平县两间房村 --participants "王建国、李秀英" --households-reached 30 --money 15000 --goods-value 3200.50 --summary "赠送中蜂并培训养蜂技术"
expect_rc 0 "activity add: an industry activity"
run team activity add "$team" --date 2024-08-10 --type health --place 滦平县大屯村 --participants "周海燕" --households-reached 12 --summary "义诊"
expect_rc 1 "activity add: someone not on the team is refused"
err_has "周海燕" "activity add: the refusal names who"
run team activity add "$team" --date 2024-08-10 --type 跳舞 --place 滦平县大屯村 --summary "义诊"
expect_rc 1 "activity add: an unknown type is refused"
run team activity add "$team" --date 2024-08-10 --type 健康 --place 滦平县大屯村 --money -5 --summary "义诊"
expect_rc 1 "activity add: negative money is refused"
run team activity add "$team" --date 2023-10-01 --type 消费 --place 密云区 --goods-value 800 --households-reached 5 --summary "购买农产品"
expect_rc 0 "activity add: one in 2023"
run team project add "$team" --name 中蜂养殖项目 --started-on 2024-05-20 --value 60000 --donor 王建国 --description "中蜂 120 箱" --households 30
expect_rc 0 "project add: the bee colonies"

# ---- 500 yuan to each household, the receipt list -----------------------------
run team pay "$team" --year 2024 --amount 500 --json
expect_rc 0 "pay: a batch for the team's households"
json_check "pay: 30 households, 15,000.00 in all" "d['recipients'] == 30 and d['total'] == '15000.00' and d['title'] == '$team'"
batch=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['serial'])" "$tmp/out")
run team pay "$team" --year 2024 --amount -500
expect_rc 1 "pay: a negative amount is refused"
run team pay "$team" --year 2024 --amount 500 --programme 没有的项目
expect_rc 1 "pay: an unknown programme is refused"
run aid batch pay "$batch" --all --date 2024-06-01 --method cash
expect_rc 0 "aid batch pay: all 30 paid in cash"
run print receipt-list "$batch" -o "$tmp/receipts.pdf"
expect_rc 0 "print receipt-list: the batch's receipt list"
pdf_has "$tmp/receipts.pdf" "帮扶资金发放签收表" "receipt list: its title"
pdf_has "$tmp/receipts.pdf" "15,000.00" "receipt list: the total"
pdf_has "$tmp/receipts.pdf" "$team" "receipt list: the batch is titled with the team"
if [ "$(pdftotext -layout "$tmp/receipts.pdf" - 2>/dev/null | grep -c ' 500\.00')" -eq 30 ]; then
  pass "receipt list: 30 lines of 500.00"
else
  fail "receipt list: 30 lines of 500.00"
fi

run team show "$team" --year 2024 --json
json_check "totals 2024: activities, money, goods, projects and aid" \
  "d['totals'] == [{'year': 2024, 'activities': 1, 'households_reached': 30, 'money': '15000.00', 'goods_value': '3200.50', 'projects': 1, 'project_value': '60000.00', 'households_aided': 30, 'aid_committed': '15000.00', 'aid_paid': '15000.00'}]"
run team show "$team" --json
json_check "totals by year: 2023 and 2024" "[t['year'] for t in d['totals']] == [2023, 2024] and d['totals'][0]['goods_value'] == '800.00'"

# ---- the team's year as a PDF ------------------------------------------------------
run team report "$team" --year 2024 -o "$tmp/report.pdf"
expect_rc 0 "report: the team's year"
pdf_has "$tmp/report.pdf" "劳模扶贫队年度工作报告" "report: its title"
pdf_has "$tmp/report.pdf" "中蜂养殖项目" "report: the project"
pdf_has "$tmp/report.pdf" "60,000.00" "report: the project's value"
pdf_has "$tmp/report.pdf" "赠送中蜂并培训养蜂技术" "report: the activity"
pdf_has "$tmp/report.pdf" "15,000.00" "report: the aid paid"
if pdffonts "$tmp/report.pdf" 2>/dev/null | grep -q 'yes yes'; then pass "report: fonts embedded"; else fail "report: fonts embedded"; fi
run audit --json
if grep -q 'print' "$tmp/out"; then pass "report: written out is in the audit trail"; else fail "report: written out is in the audit trail"; fi

# ---- 12 honour certificates ---------------------------------------------------------
run print honour-certificates "$team" --year 2024 --date 2024-12-20 -o "$tmp/honours.pdf"
expect_rc 0 "print honour-certificates: the team's 12 members"
out_has "12 honour certificates" "print honour-certificates: 12 said"
if [ "$(pdfinfo "$tmp/honours.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')" = 12 ]; then pass "honour certificates: 12 pages"; else fail "honour certificates: 12 pages"; fi
if pdfinfo "$tmp/honours.pdf" 2>/dev/null | grep -q 'Page size: *841.* x 595'; then pass "honour certificates: landscape A4"; else fail "honour certificates: landscape A4"; fi
if [ "$(pdffonts "$tmp/honours.pdf" 2>/dev/null | tail -n +3 | wc -l)" -le 3 ]; then pass "honour certificates: fonts embedded once"; else fail "honour certificates: fonts embedded once"; fi
pdf_has "$tmp/honours.pdf" "荣誉证书" "honour certificates: the title"
pdf_has "$tmp/honours.pdf" "王建国" "honour certificates: a member's name"
pdf_has "$tmp/honours.pdf" "所属队伍：$team" "honour certificates: the team"
pdf_has "$tmp/honours.pdf" "二〇二四年十二月二十日" "honour certificates: the date in words"
pdftotext "$tmp/honours.pdf" - | grep -o '荣誉-110118-2024-[0-9A-F]*' | sort >"$tmp/serials1"
if [ "$(sort -u "$tmp/serials1" | wc -l)" -eq 12 ]; then pass "honour certificates: 12 different serials"; else fail "honour certificates: 12 different serials"; fi
run print honour-certificates "$team" --year 2024 --member 110228196501101011 --words "感谢您的无私奉献。" -o "$tmp/one.pdf"
expect_rc 0 "print honour-certificates: one member, own words"
if [ "$(pdfinfo "$tmp/one.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')" = 1 ]; then pass "honour certificates: one page"; else fail "honour certificates: one page"; fi
pdf_has "$tmp/one.pdf" "感谢您的无私奉献。" "honour certificates: the words given"
serial=$(pdftotext "$tmp/one.pdf" - | grep -o '荣誉-110118-2024-[0-9A-F]*')
if [ -n "$serial" ] && grep -q "^$serial\$" "$tmp/serials1"; then pass "honour certificates: printed again, the same serial"; else fail "honour certificates: printed again, the same serial"; fi
run print honour-certificates "$team" --year 2024 --member 130824195001202015 -o "$tmp/none.pdf"
expect_rc 1 "print honour-certificates: someone not on the team is refused"
one_line_err "print honour-certificates: in one sentence"
run print honour-certificates "$team" --year 2024 --date 2024-13-01 -o "$tmp/none.pdf"
expect_rc 1 "print honour-certificates: a bad date is refused"

# ---- export -------------------------------------------------------------------------
run team export households "$tmp/households.csv"
expect_rc 0 "export households"
if [ "$(wc -l <"$tmp/households.csv")" -eq 31 ] && ! grep -q 130824195001202015 "$tmp/households.csv"; then
  pass "export households: 30 rows, ID numbers masked"
else
  fail "export households: 30 rows, ID numbers masked"
fi
run team export activities "$tmp/activities.csv"
expect_rc 0 "export activities"
run team import activities "$tmp/activities.csv" --dry-run
expect_rc 0 "the exported activities read back"
# Imported again for real: each activity (team, date, type, place) and
# project (team, name) is found again, not added twice.
run team import activities "$tmp/activities.csv"
expect_rc 0 "team import activities: the exported file imported again"
out_has " 0 imported" "team import activities again: none added"
run team export activities "$tmp/activities2.csv"
if [ "$(wc -l <"$tmp/activities2.csv")" -eq "$(wc -l <"$tmp/activities.csv")" ]; then
  pass "team import activities again: as many activities as before"
else
  fail "team import activities again: as many activities as before"
fi
run team export projects "$tmp/projects.csv"
expect_rc 0 "export projects"
run team import projects "$tmp/projects.csv"
expect_rc 0 "team import projects: the exported file imported again"
out_has " 0 imported" "team import projects again: none added"
run team export projects "$tmp/projects2.csv"
if [ "$(wc -l <"$tmp/projects2.csv")" -eq "$(wc -l <"$tmp/projects.csv")" ] && [ "$(wc -l <"$tmp/projects.csv")" -ge 2 ]; then
  pass "team import projects again: as many projects as before"
else
  fail "team import projects again: as many projects as before"
fi

# ---- a member's honours --------------------------------------------------------------
run honour add 110228196501101011 --name 全国五一劳动奖章 --level 国家级 --year 2023 --awarding-body 中华全国总工会
expect_rc 0 "honour add: an honour of the member"
run honour add 110228196501101011 --name 首都劳动奖章 --year 1800
expect_rc 1 "honour add: a year before 1949 is refused"
err_has "Year" "honour add: the refusal names the field"
run honour list 110228196501101011 --json
json_check "honour list: the one honour, with its level" "d['count'] == 1 and d['honours'][0]['level'] == 'national' and d['honours'][0]['year'] == 2023"

echo "1..$count"
[ "$failures" -eq 0 ]
