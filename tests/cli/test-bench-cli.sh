#!/bin/sh
# test-bench-cli.sh — `uniondesk-cli bench --keep DIR --reuse` on a small
# roll, twice: the second run reuses what the first kept (without adding
# the overview's archives and payments again), and both print their JSON
# figures; an --overview-only roll kept by one run is topped up by the next;
# a step that fails says which step and which file.
#
# Copyright 2026 The UnionDesk developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-bench-cli.sh UNIONDESK-CLI LOCALE-DIR
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
count=0
failures=0

. "$(dirname "$0")/tap.sh"

run () {
  "$cli" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}

# The import is measured beside sqlite3's own .import: without sqlite3 the
# run leaves the import out.
import=""
if ! command -v sqlite3 >/dev/null 2>&1; then
  echo "# sqlite3 not found: the runs leave the import out"
  import="--no-import"
fi

small="--members 300 --archives 50 --payments 100 --import-rows 200 --certificates 2"
keys="all (k in d for k in ('form', 'certificates', 'members', 'search', 'overview'))"
overview_keys="all (k in d['overview'] for k in ('reused', 'members', 'archives', 'payments', 'first_ms', 'median_ms', 'max_ms', 'cpu_median_ms', 'budget_ms'))"
if [ -z "$import" ]; then
  keys="$keys and all (k in d['import'] for k in ('rows', 'imported', 'seconds', 'ratio_to_sqlite3'))"
fi

# shellcheck disable=SC2086
run bench $small $import --keep "$tmp/kept" --reuse
expect_rc 0 "a first run with --keep --reuse"
json_check "it prints its figures" "$keys and $overview_keys"
json_check "it generated the roll" "d['members']['reused'] is False and d['members']['count'] == 300 and d['overview']['archives'] == 50 and d['overview']['payments'] == 100"
cp "$tmp/out" "$tmp/first.json"

# shellcheck disable=SC2086
run bench $small $import --keep "$tmp/kept" --reuse
expect_rc 0 "a second run on the same folder"
json_check "it prints the same figures" "$keys and $overview_keys and sorted (d) == sorted (json.load (open ('$tmp/first.json')))"
json_check "it reused the roll, its archives and payments not added again" \
  "d['members']['reused'] is True and d['members']['count'] == 300 and d['overview']['reused'] is True and d['overview']['archives'] == 50 and d['overview']['payments'] == 100"
json_check "the roll's size is the generated roll's" \
  "d['members']['database_bytes'] == json.load (open ('$tmp/first.json'))['members']['database_bytes']"
if [ -z "$import" ]; then
  json_check "the import is again into an empty office" "d['import']['imported'] == 200"
fi
grep -q "reusing" "$tmp/err" && pass "it says it reuses the kept roll" || fail "it says it reuses the kept roll"

run bench --members 300 --archives 50 --payments 100 --overview-only --keep "$tmp/overview" --reuse
expect_rc 0 "a first --overview-only run"
json_check "it prints the overview" "$overview_keys and d['overview']['reused'] is False and d['overview']['archives'] == 50"
run bench --members 300 --archives 50 --payments 100 --overview-only --keep "$tmp/overview" --reuse
expect_rc 0 "a second --overview-only run"
json_check "it reuses the office as it is" "$overview_keys and d['overview']['reused'] is True and d['overview']['archives'] == 50 and d['overview']['payments'] == 100"
run bench --members 300 --archives 80 --payments 100 --overview-only --keep "$tmp/overview" --reuse
expect_rc 0 "a run asking for more archives"
json_check "only the missing archives are added" "d['overview']['archives'] == 80 and d['overview']['payments'] == 100"

# Without --reuse a kept folder is generated afresh.
run bench --members 300 --archives 50 --payments 100 --overview-only --keep "$tmp/overview"
expect_rc 0 "a run on a kept folder without --reuse"
json_check "it generates a new roll" "d['overview']['reused'] is False and d['overview']['archives'] == 50"

# A file in the way: the failure names the step and the file, no figures.
mkdir -p "$tmp/blocked/overview.db-wal/in-the-way"
LC_ALL=C.UTF-8 LANGUAGE= run bench --members 300 --archives 50 --payments 100 --overview-only --keep "$tmp/blocked"
expect_rc 1 "a step that cannot run fails"
if [ ! -s "$tmp/out" ] && grep -q "Benchmark step “overview” on $tmp/blocked/overview.db: .*overview.db-wal" "$tmp/err"; then
  pass "it names the step and the file"
else
  fail "it names the step and the file"
fi
LC_ALL=zh_CN.UTF-8 LANGUAGE= run bench --members 300 --archives 50 --payments 100 --overview-only --keep "$tmp/blocked"
if grep -q "性能测试步骤“overview”（$tmp/blocked/overview.db）：无法删除" "$tmp/err"; then
  pass "in Chinese under zh_CN"
else
  fail "in Chinese under zh_CN"
fi

echo "1..$count"
[ "$failures" -eq 0 ]
