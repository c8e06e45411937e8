#!/bin/sh
# test-units-cli.sh — the grassroots units on the command line: add, list,
# show, import and export on real files, and a re-import that shows what it
# would change before it changes anything.
#
# Copyright 2026 The UnionDesk developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-units-cli.sh UNIONDESK-CLI FILES-DIR LOCALE-DIR
# LOCALE-DIR holds the built translations (for the zh_CN messages).
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

. "$(dirname "$0")/tap.sh"

run () {
  "$cli" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}

run --db "$db" init --district 110118 --office "密云区总工会"
expect_rc 0 "init sets up the office"

# A credit code with the wrong check character: one sentence naming the
# field, nothing stored.
run --db "$db" unit add --name "北京密云建材有限公司" --credit-code 91110228MA01ABCD0X
expect_rc 1 "a bad credit code is refused"
[ "$(wc -l < "$tmp/err")" -eq 1 ] && grep -q "Unified social credit code: the check character should be F, not X" "$tmp/err" \
  && pass "one sentence that names the field" || fail "one sentence that names the field"
LC_ALL=zh_CN.UTF-8 LANGUAGE= run --db "$db" unit add --name "北京密云建材有限公司" --credit-code 91110228MA01ABCD0X
grep -q "统一社会信用代码：校验位应为 F，而不是 X" "$tmp/err" && pass "in Chinese under zh_CN" || fail "in Chinese under zh_CN"
run --db "$db" unit add --credit-code 91110228MA01ABCD0F
expect_rc 2 "unit add without a name is a usage error"

run --db "$db" unit add --name "北京密云建材有限公司" --credit-code 91110228ma01abcd0f \
  --street 鼓楼街道 --type 企业 --contact 王建华 --phone 13800138000
expect_rc 0 "unit add with every option"
run --db "$db" unit add --name "密云区供电公司" --credit-code 91110000600037341L --type 机关
expect_rc 0 "a second unit"
run --db "$db" unit add --name "另一个名字" --credit-code 91110000600037341L
expect_rc 1 "a credit code another unit holds is refused"

run --db "$db" unit list --json
expect_rc 0 "unit list --json"
json_check "two units, by name, the code in capitals" \
  "d['count'] == 2 and [u['name'] for u in d['units']] == ['北京密云建材有限公司', '密云区供电公司'] and d['units'][0]['credit_code'] == '91110228MA01ABCD0F'"
json_check "the contact's phone is masked, the type is a label" \
  "d['units'][0]['phone'] == '138****8000' and d['units'][0]['unit_type'] == 'Enterprise'"
run --db "$db" unit list --search 供电 --json
json_check "a search in the list" "d['count'] == 1 and d['units'][0]['name'] == '密云区供电公司'"

# The members of a unit.
run --db "$db" import members "$files/roster-utf8.csv"
run --db "$db" unit show 北京朝晖快递服务有限公司 --members --json
expect_rc 0 "unit show by name"
json_check "its members, ID numbers masked" \
  "d['members'] == 2 and sorted(m['name'] for m in d['member_list']) == ['周䶮', '李秀兰'] and all('*' in m['id_number'] for m in d['member_list'])"
run --db "$db" unit show 91110000600037341L --json
json_check "unit show by credit code" "d['name'] == '密云区供电公司' and d['members'] == 0"
run --db "$db" unit show 没有这个单位
expect_rc 1 "an unknown unit"

# Import: the same row errors as the member roster; a unit named by its
# credit code is updated, not added twice.
printf '单位名称,统一社会信用代码,街乡,单位类型,联系人,联系电话\n北京密云建材有限公司,91110228MA01ABCD0F,果园街道,企业,李明,13900139000\n密云水务集团,91110228MA01ABCDE,溪翁庄镇,企业,,\n檀营乡总工会,,檀营乡,联合基层工会,赵敏,\n,91110000600037341L,,,,\n' > "$tmp/units.csv"
run --db "$db" import units "$tmp/units.csv" --dry-run --json
expect_rc 0 "a dry run of a unit roster"
json_check "4 rows: 1 new, 1 update, 2 rejected with row, column and code" \
  "d['rows'] == 4 and d['imported'] == 1 and d['updated'] == 1 and d['rejected'] == 2 and any(e['row'] == 2 and e['column'] == '统一社会信用代码' and e['code'] == 'invalid_length' for e in d['errors']) and any(e['row'] == 4 and e['code'] == 'required' for e in d['errors'])"
json_check "the dry run lists what it would change, old → new" \
  "sorted(c['field'] for c in d['changes']) == ['contact', 'phone', 'street'] and any(c['field'] == 'street' and c['old'] == '鼓楼街道' and c['new'] == '果园街道' and c['title'] == '北京密云建材有限公司' for c in d['changes'])"
run --db "$db" import units "$tmp/units.csv" --keep-existing --json
json_check "--keep-existing keeps the values here" \
  "d['updated'] == 0 and d['unchanged'] == 1 and d['imported'] == 1 and all(c['kept'] for c in d['changes'])"
run --db "$db" unit show 北京密云建材有限公司 --json
json_check "the street kept" "d['street'] == '鼓楼街道' and d['contact'] == '王建华'"
run --db "$db" import units "$tmp/units.csv" --json
json_check "without it, the file's values" "d['updated'] == 1 and not any(c['kept'] for c in d['changes'])"
run --db "$db" unit show 北京密云建材有限公司 --json
json_check "the street changed" "d['street'] == '果园街道'"

# Export and round trip into another office.  Whole phone numbers leave
# the office only with a person who may take them (--as).
run --db "$db" export units "$tmp/masked.csv"
expect_rc 0 "export units without --as"
grep -q "139\*\*\*\*9000" "$tmp/masked.csv" && pass "without --as, phone numbers are masked" || fail "without --as, phone numbers are masked"
printf 'password-of-staff\n' | "$cli" --db "$db" account add admin --name 王主任 --roles admin >/dev/null 2>&1
printf 'password-of-staff\n' | "$cli" --db "$db" account add wang --name 王建华 --roles approver >/dev/null 2>&1
export_as () {
  printf 'password-of-staff\n' | "$cli" --db "$db" export units "$1" --as wang >"$tmp/out" 2>"$tmp/err"
  rc=$?
}
export_as "$tmp/out.csv"
expect_rc 0 "export units to CSV"
sed '1s/^\xEF\xBB\xBF//' "$tmp/out.csv" | head -n 1 | grep -q "^单位名称,统一社会信用代码,街乡,单位类型,联系人,联系电话" \
  && pass "the header offices use" || fail "the header offices use"
grep -q "檀营乡总工会,,檀营乡,联合基层工会" "$tmp/out.csv" && pass "choices as offices write them" || fail "choices as offices write them"
export_as "$tmp/out.xlsx"
expect_rc 0 "export units to Excel"
run --db "$tmp/second.db" init --district 110118 --office "第二办公室"
run --db "$tmp/second.db" import units "$tmp/out.xlsx" --json
json_check "the Excel export imports whole into another office" "d['imported'] >= 4 and d['rejected'] == 0"
run --db "$tmp/second.db" import units "$tmp/out.csv" --json
json_check "the CSV export is the same units" "d['imported'] == 0 and d['updated'] == 0 and d['rejected'] == 0"

run --db "$db" import things "$tmp/units.csv"
expect_rc 2 "an unknown roster is a usage error"

echo "1..$count"
[ "$failures" -eq 0 ]
