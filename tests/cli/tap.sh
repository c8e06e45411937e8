# tap.sh — what the CLI tests share: TAP lines and their checks.
# Sourced by tests/cli/test-*.sh after they set $tmp (the scratch folder
# holding "out" and "err" of the last run), count=0 and failures=0.
#
# Copyright 2026 The UnionDesk developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

pass () {
  count=$((count + 1))
  echo "ok $count - $1"
}

fail () {
  count=$((count + 1))
  failures=$((failures + 1))
  echo "not ok $count - $1"
  for f in "$tmp/out" "$tmp/err"; do
    [ -s "$f" ] && sed 's/^/# /' "$f"
  done
  return 0
}

expect_rc () {
  if [ "$rc" -eq "$1" ]; then pass "$2"; else fail "$2 (exit $rc, expected $1)"; fi
}

json_check () {
  if python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$tmp/out" 2>>"$tmp/err"; then
    pass "$1"
  else
    fail "$1"
  fi
}
