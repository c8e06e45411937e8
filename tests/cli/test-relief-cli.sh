#!/bin/sh
# test-relief-cli.sh — `uniondesk-cli relief quote` against the cases in
# tests/cli/relief/ (DESIGN.md §10).
#
# Copyright 2026 The UnionDesk developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-relief-cli.sh UNIONDESK-CLI CASE-DIR
#
# For each NAME.case.json in CASE-DIR:
#   NAME.out.json  the exact stdout expected, with exit status 0;
#   NAME.err       "exit N" on the first line, then text that the one line
#                  on stderr must contain; stdout must stay empty.
# Every quote runs from / with --db pointing at a file that must not come
# into being: the rules are embedded and a quote touches no record.
# Output is TAP.

set -u

if [ $# -ne 2 ]; then
  echo "usage: $0 UNIONDESK-CLI CASE-DIR" >&2
  exit 2
fi

# Quotes run from /, so both paths must stay valid there.
case $1 in
  /*) cli=$1 ;;
  *) cli=$PWD/$1 ;;
esac
case $2 in
  /*) dir=$2 ;;
  *) dir=$PWD/$2 ;;
esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
db="$tmp/never-created.db"
count=0
failures=0

. "$(dirname "$0")/tap.sh"

# run ARGS... — runs the CLI from /, stdout and stderr to $tmp/out, $tmp/err
run () {
  (cd / && "$cli" --db "$db" "$@") >"$tmp/out" 2>"$tmp/err"
}

# expect_failure NAME STATUS TEXT — checks the last run
expect_failure () {
  name=$1
  want=$2
  text=$3
  if [ "$status" -ne "$want" ]; then
    fail "$name: exit status $status, expected $want"
  elif [ -s "$tmp/out" ]; then
    fail "$name: printed on stdout"
  elif [ "$(wc -l <"$tmp/err")" -ne 1 ] && [ "$want" -eq 1 ]; then
    fail "$name: expected one sentence on stderr"
  elif [ -n "$text" ] && ! grep -qF -- "$text" "$tmp/err"; then
    fail "$name: stderr lacks \"$text\""
  else
    pass "$name"
  fi
}

for case in "$dir"/*.case.json; do
  name=$(basename "$case" .case.json)
  run relief quote "$case"
  status=$?

  if [ -f "$dir/$name.out.json" ]; then
    if [ "$status" -ne 0 ]; then
      fail "$name: exit status $status"
    elif [ -s "$tmp/err" ]; then
      fail "$name: wrote on stderr"
    elif ! cmp -s "$tmp/out" "$dir/$name.out.json"; then
      fail "$name: quote differs from $name.out.json"
      diff -u "$dir/$name.out.json" "$tmp/out" | sed 's/^/# /'
    else
      pass "$name"
    fi
  elif [ -f "$dir/$name.err" ]; then
    expect_failure "$name" "$(sed -n '1s/^exit //p' "$dir/$name.err")" "$(sed -n '2p' "$dir/$name.err")"
  else
    fail "$name: neither $name.out.json nor $name.err"
  fi
done

# "-" reads the case from standard input.
(cd / && "$cli" --db "$db" relief quote - <"$dir/design-example.case.json") >"$tmp/out" 2>"$tmp/err"
status=$?
if [ "$status" -eq 0 ] && cmp -s "$tmp/out" "$dir/design-example.out.json"; then
  pass "case on standard input"
else
  fail "case on standard input (exit status $status)"
fi

run relief quote "$dir/no-such-case.json"
status=$?
expect_failure "unreadable case file" 1 "no-such-case.json"

run relief
status=$?
expect_failure "usage: relief alone" 2 "relief quote CASE.json"

run relief tabulate
status=$?
expect_failure "usage: unknown relief command" 2 "tabulate"

run relief quote
status=$?
expect_failure "usage: no case file" 2 "relief quote CASE.json"

run relief quote "$dir/design-example.case.json" "$dir/design-example.case.json"
status=$?
expect_failure "usage: two case files" 2 "relief quote CASE.json"

run relief quote --frobnicate "$dir/design-example.case.json"
status=$?
expect_failure "usage: unknown option" 2 "frobnicate"

if [ -e "$db" ]; then
  fail "a quote created the database"
else
  pass "no database touched"
fi

echo "1..$count"
[ "$failures" -eq 0 ]
