#!/bin/sh
# test-rooms-cli.sh — the mother-and-baby rooms on the command line: the
# standards check of a case on every boundary, a room that misses one
# requirement and is fixed, its plaque, inspections and the due list by
# date, deliveries and use, import and export, the plaque certificates and
# the register as PDF.
#
# Copyright 2026 The UnionDesk developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-rooms-cli.sh UNIONDESK-CLI LOCALE-DIR
# LOCALE-DIR holds the built translations (for the zh_CN messages).
# Output is TAP.

set -u

if [ $# -ne 2 ]; then
  echo "usage: $0 UNIONDESK-CLI LOCALE-DIR" >&2
  exit 2
fi

cli=$1
UD_LOCALEDIR=$2
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

one_sentence () {
  if [ "$rc" -eq 1 ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] && grep -q "$2" "$tmp/err" && [ ! -s "$tmp/out" ]; then
    pass "$1"
  else
    fail "$1 (exit $rc)"
  fi
}

# ---- room check: the rule, touching nothing -------------------------------

cat > "$tmp/case.json" <<'EOF'
{"date": "2024-09-01", "type": "public", "area_m2": "9.5",
 "facilities": {"table_chair_sets": 1, "tables": 1, "seats": 2,
                "power_socket": true, "fridge": true, "privacy": true,
                "changing_table": false, "keeper": true}}
EOF
run --db "$tmp/none.db" room check "$tmp/case.json"
expect_rc 0 "room check of the issue's case"
json_check "not compliant: area_below_minimum and no_changing_table, a reason each, the standards' version" \
  "sorted(d.keys()) == ['compliant', 'failed', 'reasons', 'standards_version'] and d['compliant'] is False and d['failed'] == ['area_below_minimum', 'no_changing_table'] and len(d['reasons']) == 2 and d['standards_version'] == '2019-01'"
[ ! -e "$tmp/none.db" ] && pass "a check creates no database" || fail "a check creates no database"

check_case () {
  printf '{"date": "2024-09-01", "type": "%s", "area_m2": %s, "facilities": {%s}}' "$1" "$2" "$3" > "$tmp/c.json"
  run room check "$tmp/c.json"
  if [ "$rc" -eq 0 ] && python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ','.join(d['failed']) == sys.argv[2] and d['compliant'] == (sys.argv[2] == '') else 1)" "$tmp/out" "$4"; then
    pass "$1 $2: [$4]"
  else
    fail "$1 $2: [$4]"
  fi
}

unit_ok='"table_chair_sets": 2, "power_socket": true, "fridge": true, "privacy": true'
public_ok='"tables": 1, "seats": 2, "power_socket": true, "fridge": true, "privacy": true, "changing_table": true, "keeper": true'
# Each minimum area, on it and a hundredth below it.
check_case unit '"6"' "$unit_ok" ""
check_case unit '"5.99"' "$unit_ok" "area_below_minimum"
check_case building '6' "$unit_ok" ""
check_case building '"5.99"' "$unit_ok" "area_below_minimum"
check_case public '"10"' "$public_ok" ""
check_case public '9.99' "$public_ok" "area_below_minimum"
check_case corner '"4"' "$unit_ok" ""
check_case corner '"3.99"' "$unit_ok" "area_below_minimum"
# Each requirement, one short of it.
check_case unit '8' '"table_chair_sets": 1, "power_socket": true, "fridge": true, "privacy": true' "too_few_table_chair_sets"
check_case corner '8' '"table_chair_sets": 1, "power_socket": true, "fridge": true, "privacy": true' "too_few_table_chair_sets"
check_case building '8' '"table_chair_sets": 2, "fridge": true, "privacy": true' "no_power_socket"
check_case unit '8' '"table_chair_sets": 2, "power_socket": true, "privacy": true' "no_fridge"
check_case unit '8' '"table_chair_sets": 2, "power_socket": true, "fridge": true, "privacy": false' "no_privacy"
check_case public '12' '"tables": 0, "seats": 2, "power_socket": true, "fridge": true, "privacy": true, "changing_table": true, "keeper": true' "no_table"
check_case public '12' '"tables": 1, "seats": 1, "power_socket": true, "fridge": true, "privacy": true, "changing_table": true, "keeper": true' "too_few_seats"
check_case public '12' '"tables": 1, "seats": 2, "power_socket": true, "fridge": true, "privacy": true, "keeper": true' "no_changing_table"
check_case public '12' '"tables": 1, "seats": 2, "power_socket": true, "fridge": true, "privacy": true, "changing_table": true' "no_keeper"
# A unit is not held to the public place's changing table and keeper;
# encouraged facilities never fail a room.
check_case unit '6' "$unit_ok"', "changing_table": false, "keeper": false, "microwave": false, "steriliser": false' ""
check_case public '0' '' "area_below_minimum,no_table,too_few_seats,no_power_socket,no_fridge,no_privacy,no_changing_table,no_keeper"

# Bad input: exit 1, one sentence naming what is wrong.
bad_case () {
  printf '%s' "$2" > "$tmp/bad.json"
  run room check "$tmp/bad.json"
  one_sentence "$1" "$3"
}
bad_case "a negative area" '{"date": "2024-09-01", "type": "unit", "area_m2": "-1", "facilities": {}}' "area_m2: cannot be negative"
bad_case "a negative count" '{"date": "2024-09-01", "type": "unit", "area_m2": "6", "facilities": {"seats": -1}}' "facilities.seats: cannot be negative"
bad_case "an unknown type" '{"date": "2024-09-01", "type": "attic", "area_m2": "6", "facilities": {}}' "type: must be unit, building, public or corner"
bad_case "an unknown field" '{"date": "2024-09-01", "type": "unit", "area_m2": "6", "facilities": {}, "colour": "red"}' "colour: unknown field"
bad_case "an unknown facility" '{"date": "2024-09-01", "type": "unit", "area_m2": "6", "facilities": {"sofa": true}}' "facilities.sofa: unknown field"
bad_case "three decimals" '{"date": "2024-09-01", "type": "unit", "area_m2": "6.125", "facilities": {}}' "area_m2:"
bad_case "a date before the standards" '{"date": "2015-06-01", "type": "unit", "area_m2": "6", "facilities": {}}' "date: no room standards are in force on 2015-06-01"
bad_case "not JSON" '{"date": ' "Cannot check"
run room check "$tmp/missing.json"
one_sentence "a file that is not there" "Cannot read the case"
run room check
expect_rc 2 "room check without a case is a usage error"
printf '%s' '{"date": "2024-09-01", "type": "unit", "area_m2": "-1", "facilities": {}}' > "$tmp/bad.json"
LC_ALL=zh_CN.UTF-8 LANGUAGE= run room check "$tmp/bad.json"
grep -q "area_m2：不能为负数" "$tmp/err" && pass "the sentence in Chinese under zh_CN" || fail "the sentence in Chinese under zh_CN"
LC_ALL=zh_CN.UTF-8 LANGUAGE= run room check "$tmp/case.json"
json_check "the reasons in Chinese under zh_CN" "d['reasons'][1] == '没有婴儿护理台。'"

# Other standards from a file.
cat > "$tmp/standards.json" <<'EOF'
[{"version": "test-1", "effective": "2024-01-01", "min_table_chair_sets": 2, "min_seats": 2,
  "types": {"unit": {"min_area_m2": "6", "required": []}, "building": {"min_area_m2": "6", "required": []},
            "public": {"min_area_m2": "9.5", "required": ["power_socket"]}, "corner": {"min_area_m2": "4", "required": []}}}]
EOF
run room check "$tmp/case.json" --standards "$tmp/standards.json"
json_check "--standards: judged by the file's version" "d['compliant'] is True and d['standards_version'] == 'test-1'"
printf '[]' > "$tmp/broken.json"
run room check "$tmp/case.json" --standards "$tmp/broken.json"
one_sentence "broken standards are refused" "The room standards cannot be read"

# ---- a room registered, fixed, plaqued, inspected -------------------------

run --db "$db" init --district 110118 --office "北京市密云区总工会"
expect_rc 0 "init sets up the office"
run --db "$db" unit add --name 密云建材公司 --credit-code 91110228MA01ABCD1J --street 鼓楼街道
expect_rc 0 "the host unit"

run --db "$db" room add --name 鼓楼母婴关爱室 --unit 没有的单位 --address "鼓楼东大街1号" --street 鼓楼街道 \
  --type unit --area 8 --sets 2 --facilities power_socket,fridge,privacy --opened 2024-03-01
one_sentence "a host unit not in the units register is refused" "Host unit: there is no “没有的单位”"
run --db "$db" room add --name 鼓楼母婴关爱室 --unit 密云建材公司 --address "鼓楼东大街1号" --street 鼓楼街道 \
  --type unit --area -8 --opened 2024-03-01
one_sentence "a negative area is refused" "Area in m²: cannot be negative"
run --db "$db" room add --name 鼓楼母婴关爱室 --unit 密云建材公司 --address "鼓楼东大街1号" --street 鼓楼街道 \
  --type unit --area 8 --sets 2 --facilities power_socket,privacy --opened 2024-03-01
expect_rc 0 "a room that misses one requirement is registered"
grep -q "not up to standard: No fridge for breast milk" "$tmp/out" && pass "the missing requirement is named" || fail "the missing requirement is named"
run --db "$db" room list --compliant no --json
json_check "listed as not up to standard, the failure's code" \
  "d['count'] == 1 and d['rooms'][0]['failed_requirements'] == 'no_fridge' and d['rooms'][0]['compliant'] == 'no'"

run --db "$db" room edit 鼓楼母婴关爱室 --level plaqued --plaque-number MY-2024-001 --plaque-date 2024-09-01
one_sentence "a plaque on a room not up to standard needs the reason" "Why plaqued though not up to standard: the room is not up to standard (No fridge for breast milk)"
LC_ALL=zh_CN.UTF-8 LANGUAGE= run --db "$db" room edit 鼓楼母婴关爱室 --level plaqued --plaque-number MY-2024-001 --plaque-date 2024-09-01
grep -q "未达标挂牌理由：该室未达标（无母乳冰箱），请填写挂牌理由" "$tmp/err" && pass "in Chinese under zh_CN" || fail "in Chinese under zh_CN"
run --db "$db" room edit 鼓楼母婴关爱室 --level plaqued --plaque-date 2024-09-01 --facilities power_socket,fridge,privacy
one_sentence "a plaque has its number" "Plaque number: a room with a plaque has its plaque number"
run --db "$db" room show 鼓楼母婴关爱室 --json
json_check "nothing half-saved" "d['level'] == 'built' and d['facilities'] == 'power_socket,privacy'"

run --db "$db" room edit 鼓楼母婴关爱室 --facilities power_socket,fridge,privacy,microwave --level 达标挂牌 \
  --plaque-number MY-2024-001 --plaque-date 2024-09-01 --keeper 王芳 --phone 13800138000
expect_rc 0 "fixed and plaqued"
grep -q "saved, up to standard" "$tmp/out" && pass "now up to standard" || fail "now up to standard"
run --db "$db" room show MY-2024-001 --json
json_check "found by plaque number; level, plaque, the keeper's phone masked" \
  "d['level'] == 'plaqued' and d['plaque_number'] == 'MY-2024-001' and d['compliant'] == 'yes' and d['keeper_phone'] == '138****8000' and d['unit'] == '密云建材公司'"

# A second room, public, plaqued with a reason though it is too small.
run --db "$db" room add --name 西站母婴关爱室 --unit 密云建材公司 --address "西站一层" --street 果园街道 \
  --type public --area 9.5 --tables 1 --seats 2 --facilities power_socket,fridge,privacy,changing_table \
  --keeper 张华 --opened 2024-01-15 --level plaqued --plaque-number MY-2024-002 --plaque-date 2024-06-01 \
  --override-reason "站方承诺年内扩建"
expect_rc 0 "a plaque on a room not up to standard, with the reason"
run --db "$db" room list --street 果园街道 --json
json_check "--street filters" "d['count'] == 1 and d['rooms'][0]['name'] == '西站母婴关爱室' and d['rooms'][0]['failed_requirements'] == 'area_below_minimum'"
run --db "$db" room list --level plaqued --json
json_check "--level filters" "d['count'] == 2"
run --db "$db" room list --level 金牌
expect_rc 2 "an unknown level is a usage error"

# Inspections and the due list, by date.
run --db "$db" room inspect MY-2024-001 --date 2024-09-10 --inspector 李明 --result passed --findings no_fridge
one_sentence "passed with a requirement not met is refused" "Result: a room with requirements not met has not passed"
run --db "$db" room inspect MY-2024-001 --date 2024-09-10 --inspector 李明 --result passed
expect_rc 0 "an inspection recorded"
grep -q "the next is due on 2025-09-10" "$tmp/out" && pass "next due 12 months later" || fail "next due 12 months later"
run --db "$db" room inspect MY-2024-001 --date 2999-01-01 --inspector 李明 --result passed
one_sentence "an inspection ahead of today is refused" "Inspected on:"

run --db "$db" room due --date 2025-05-31 --within 0 --json
json_check "2025-05-31, within 0 days: none" "d['rooms'] == []"
run --db "$db" room due --date 2025-05-31 --within 1 --json
json_check "within 1 day: the public room (plaqued 2024-06-01, never inspected), not yet overdue" \
  "[r['name'] for r in d['rooms']] == ['西站母婴关爱室'] and d['rooms'][0]['overdue'] is False and d['rooms'][0]['due'] == '2025-06-01'" 
run --db "$db" room due --date 2025-06-02 --within 0 --json
json_check "2025-06-02: overdue the day after it was due" "d['rooms'][0]['overdue'] is True"
run --db "$db" room due --date 2025-09-10 --within 0 --json
json_check "2025-09-10: the inspected room is due that day, not overdue" \
  "[r['name'] for r in d['rooms']] == ['西站母婴关爱室', '鼓楼母婴关爱室'] and d['rooms'][1]['overdue'] is False and d['rooms'][1]['last_inspected'] == '2024-09-10'"
run --db "$db" room due --date 2025-09-11 --within 0
expect_rc 0 "the due list as text"
grep -q "2025-09-10  鼓楼母婴关爱室  鼓楼街道  overdue" "$tmp/out" && pass "a year and a day later: overdue" || fail "a year and a day later: overdue"
run --db "$db" room due --date 2025-08-11 --within 30 --json
json_check "--within 30 from 2025-08-11 reaches 2025-09-10" "len(d['rooms']) == 2"
run --db "$db" room due --date 2025-08-10 --within 30 --json
json_check "--within 30 from 2025-08-10 does not" "len(d['rooms']) == 1"
run --db "$db" room due --date 2025-02-30
expect_rc 2 "a date that does not exist is a usage error"
run --db "$db" room due --within -1
expect_rc 2 "a negative --within is a usage error"

# Deliveries and use.
run --db "$db" room deliver MY-2024-001 --date 2024-10-01 --bags 100 --pads 50
expect_rc 0 "a delivery"
run --db "$db" room deliver MY-2024-001 --date 2024-10-01
one_sentence "an empty delivery is refused" "a delivery brings something"
run --db "$db" room deliver MY-2024-001 --date 2024-10-01 --bags -5
one_sentence "a negative quantity is refused" "Breast-milk storage bags:"
run --db "$db" room use MY-2024-001 --month 2024-10 --visits 37
expect_rc 0 "use in a month"
run --db "$db" room use MY-2024-001 --month 2024-10 --visits 38
expect_rc 0 "the month corrected"
run --db "$db" room use MY-2024-001 --month 2024-13 --visits 1
one_sentence "a month that does not exist" "Month: must be a month such as 2024-09"
run --db "$db" room show MY-2024-001 --json
json_check "one use line, corrected; the delivery; the inspection; the reasons" \
  "len(d['use']) == 1 and d['use'][0]['visits'] == '38' and len(d['deliveries']) == 1 and d['deliveries'][0]['nursing_pads'] == '50' and len(d['inspections']) == 1 and d['inspections'][0]['next_due'] == '2025-09-10' and 'compliant' in d['reasons'][0]"
run --db "$db" room show 没有的室
one_sentence "an unknown room" "There is no mother-and-baby room “没有的室”"

# ---- import and export ------------------------------------------------------

printf '名称,所在单位,地址,街道乡镇,类型,面积,桌椅套数,设施,建成日期,级别,挂牌编号,挂牌日期\n' > "$tmp/rooms.csv"
printf '檀营母婴关爱角,密云建材公司,檀营乡政府一层,檀营乡,母婴关爱角,4,2,电源插座、母乳冰箱、私密设施,2024-05-01,已建,,\n' >> "$tmp/rooms.csv"
printf '溪翁庄母婴关爱室,密云建材公司,溪翁庄镇,溪翁庄镇,单位内部,5,2,电源插座、母乳冰箱、私密设施,2024-05-01,达标挂牌,MY-2024-009,2024-06-01\n' >> "$tmp/rooms.csv"
printf '坏面积母婴关爱室,密云建材公司,某地,某镇,单位内部,-3,2,,2024-05-01,已建,,\n' >> "$tmp/rooms.csv"
printf '鼓楼母婴关爱室,密云建材公司,鼓楼东大街2号,鼓楼街道,单位内部,8,2,电源插座、母乳冰箱、私密设施,2024-03-01,达标挂牌,MY-2024-001,2024-09-01\n' >> "$tmp/rooms.csv"
run --db "$db" room import "$tmp/rooms.csv" --dry-run --json
expect_rc 0 "a dry run of a rooms roster"
json_check "1 new, 1 update, 2 rows refused naming the field (a plaque without the reason, a negative area)" \
  "d['rows'] == 4 and d['imported'] == 1 and d['updated'] == 1 and d['rejected'] == 2 and any(e['row'] == 2 and e['code'] == 'required' for e in d['errors']) and any(e['row'] == 3 and e['column'] == '面积' and e['code'] == 'negative' for e in d['errors'])"
run --db "$db" room import "$tmp/rooms.csv" --json
json_check "imported" "d['imported'] == 1 and d['updated'] == 1"
run --db "$db" room show 鼓楼母婴关爱室 --json
json_check "the update: the address changed, the rest kept" "d['address'] == '鼓楼东大街2号' and d['keeper'] == '王芳'"
run --db "$db" room export "$tmp/rooms-out.csv"
expect_rc 0 "room export"
sed '1s/^\xEF\xBB\xBF//' "$tmp/rooms-out.csv" | head -n 1 | grep -q "^名称,所在单位,地址,街道乡镇,类型,面积" && pass "the header offices use" || fail "the header offices use"
grep -q "西站母婴关爱室,密云建材公司,西站一层,果园街道,公共场所,9.5" "$tmp/rooms-out.csv" && pass "the words offices write" || fail "the words offices write"
grep -q "面积不足" "$tmp/rooms-out.csv" && pass "the requirements not met, exported" || fail "the requirements not met, exported"

# ---- certificates and the register -----------------------------------------

run --db "$db" print room-certificate 鼓楼母婴关爱室 西站母婴关爱室 -o "$tmp/two.pdf"
expect_rc 0 "two plaque certificates into one PDF"
grep -q "(2 pages)" "$tmp/out" && pass "a page each" || fail "a page each"
if command -v pdfinfo >/dev/null 2>&1; then
  pdfinfo "$tmp/two.pdf" | grep -q "Page size: *841.89 x 595.276" && pass "landscape A4" || fail "landscape A4"
  [ "$(pdffonts "$tmp/two.pdf" | tail -n +3 | wc -l)" -le 3 ] && pdffonts "$tmp/two.pdf" | tail -n +3 | awk '{ if ($(NF-4) != "yes") exit 1 }' \
    && pass "fonts embedded once" || fail "fonts embedded once"
  pdftotext -layout "$tmp/two.pdf" - | tr -d ' ' > "$tmp/text"
  grep -q "母婴关爱室达标证书" "$tmp/text" && grep -q "编号：MY-2024-002" "$tmp/text" && grep -q "北京市密云区总工会" "$tmp/text" \
    && grep -q "二〇二四年六月一日" "$tmp/text" && pass "title, serial, issuer, date" || fail "title, serial, issuer, date"
fi
run --db "$db" print room-certificate --all -o "$tmp/all.pdf"
grep -q "(2 pages)" "$tmp/out" && pass "--all: every room with a plaque" || fail "--all: every room with a plaque"
run --db "$db" print room-certificate 檀营母婴关爱角 -o "$tmp/none.pdf"
one_sentence "a room without a plaque has no certificate" "“檀营母婴关爱角” has no plaque yet"
[ ! -e "$tmp/none.pdf" ] && pass "and no file" || fail "and no file"
run --db "$db" print room-certificate --all 鼓楼母婴关爱室 -o "$tmp/x.pdf"
expect_rc 2 "--all with names is a usage error"

run --db "$db" print room-register --date 2025-09-11 -o "$tmp/register.pdf"
expect_rc 0 "the register"
if command -v pdftotext >/dev/null 2>&1; then
  pdftotext -layout "$tmp/register.pdf" - | tr -d ' ' > "$tmp/text"
  grep -q "母婴关爱室名册" "$tmp/text" && grep -q "街道乡镇：鼓楼街道" "$tmp/text" && grep -q "2025-09-10逾期" "$tmp/text" \
    && grep -q "按街道乡镇和级别统计" "$tmp/text" && pass "by street, overdue marked, counted by level" || fail "by street, overdue marked, counted by level"
fi

run --db "$db" audit --json
json_check "the prints are in the audit trail" "any(e.get('action') == 'print' for e in (d if isinstance(d, list) else d.get('entries', [])))"

# ---- the standards as a reference table: a new version in the database -----

run --db "$db" room standards list --json
json_check "the shipped standards are the office's first version" \
  "[(v['kind'], v['version'], v['effective']) for v in d['versions']] == [('room_standards', '2019-01', '2016-01-01')]"
# The shipped version with the public place's minimum raised to 12 m².
python3 - "$tmp/std-2026.json" <<'PY'
import json, sys
v = {"version": "2026-01", "effective": "2026-01-01", "min_table_chair_sets": 2, "min_seats": 2,
     "types": {"unit": {"min_area_m2": "6", "required": ["table_chair_sets", "power_socket", "fridge", "privacy"]},
               "building": {"min_area_m2": "6", "required": ["table_chair_sets", "power_socket", "fridge", "privacy"]},
               "public": {"min_area_m2": "12", "required": ["table", "seats", "power_socket", "fridge", "changing_table", "privacy", "keeper"]},
               "corner": {"min_area_m2": "4", "required": ["table_chair_sets", "power_socket", "fridge", "privacy"]}},
     "encouraged": ["wash_basin", "microwave"]}
json.dump(v, open(sys.argv[1], "w"), ensure_ascii=False)
bad = dict(v, version="bad-area"); bad["types"] = dict(v["types"], corner={"min_area_m2": "-4", "required": []})
json.dump(bad, open(sys.argv[1] + ".negative", "w"))
bad = dict(v, version="bad-facility"); bad["types"] = dict(v["types"], unit={"min_area_m2": "6", "required": ["bathtub"]})
json.dump(bad, open(sys.argv[1] + ".unknown", "w"))
json.dump(dict(v, version="too-early", effective="2024-06-01"), open(sys.argv[1] + ".early", "w"))
PY
run --db "$db" room standards add "$tmp/std-2026.json.negative"
one_sentence "a negative minimum area is refused naming it" "types.corner.min_area_m2: must be an area in m² above 0"
run --db "$db" room standards add "$tmp/std-2026.json.unknown"
one_sentence "an unknown facility is refused naming it" "types.unit.required: the requirements are"
run --db "$db" room standards add "$tmp/std-2026.json.early"
one_sentence "a version on or before a room's plaque is refused" "a room was plaqued on 2024-09-01"
run --db "$db" room standards add "$tmp/std-2026.json"
expect_rc 0 "the administrator adds the 2026 standards"
run --db "$db" room standards add "$tmp/std-2026.json"
one_sentence "the same version twice is refused" "there is a version “2026-01” already"
sed 's/"2026-01"/"2026-b"/' "$tmp/std-2026.json" > "$tmp/std-same-day.json"
run --db "$db" room standards add "$tmp/std-same-day.json"
one_sentence "two versions on one day are refused" "two versions cannot start on the same day"
run --db "$db" room standards list
grep -q "2026-01 from 2026-01-01" "$tmp/out" && pass "listed" || fail "listed"
run --db "$db" room standards show 2026-01
json_check "shown as stored" "d['types']['public']['min_area_m2'] == '12'"
run --db "$db" audit --json
json_check "the new version is in the audit trail" \
  "any(e.get('kind') == 'reference_version' and e.get('action') == 'create' and '2026-01' in json.dumps(e, ensure_ascii=False) for e in (d if isinstance(d, list) else d.get('entries', [])))"

# The same case judged by the office's versions, by its date.
sed 's/"2024-09-01"/"2026-03-01"/; s/"9.5"/"10"/; s/"changing_table": false/"changing_table": true/' "$tmp/case.json" > "$tmp/case-2026.json"
run --db "$db" room check "$tmp/case-2026.json"
json_check "2026: the office's newer version fails a 10 m² public place and names itself" \
  "d['compliant'] is False and d['failed'] == ['area_below_minimum'] and d['standards_version'] == '2026-01' and '12' in d['reasons'][0]"
run --db "$tmp/none.db" room check "$tmp/case-2026.json"
json_check "without a database: the shipped standards pass it" "d['compliant'] is True and d['standards_version'] == '2019-01'"
run --db "$db" room check "$tmp/case.json"
json_check "the issue's case, dated 2024, still judged by 2019-01 in the office" \
  "d['failed'] == ['area_below_minimum', 'no_changing_table'] and d['standards_version'] == '2019-01'"
run --db "$db" room add --name 新区母婴关爱室 --unit 密云建材公司 --address "新区一层" --street 果园街道 \
  --type public --area 10 --tables 1 --seats 2 --facilities power_socket,fridge,privacy,changing_table \
  --keeper 赵敏 --opened 2026-02-01
expect_rc 0 "a room opened under the 2026 standards"
run --db "$db" room show 新区母婴关爱室 --json
json_check "stored judged by the office's 2026 version" \
  "d['compliant'] == 'no' and d['failed_requirements'] == 'area_below_minimum' and d['standards_version'] == '2026-01'"

echo "1..$count"
[ "$failures" -eq 0 ]
