#!/usr/bin/env bash
# The test command of README and CI: installs what is missing from Debian,
# configures and builds UnionDesk in _build-ci, runs every test suite (the
# display suite under Xvfb with a private D-Bus session) and ends with one line
#     N passed, N failed
# counted from meson's test logs. Exits 0 only when nothing failed.
#
# Works as root or as a user with sudo, without a terminal or standard input.
# UD_BUILDDIR overrides the build folder; extra arguments go to every
# `meson test` call (e.g. --num-processes 1).
#
# Copyright 2026 The UnionDesk developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -uo pipefail
exec </dev/null

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$srcdir" || exit 1
builddir=${UD_BUILDDIR:-_build-ci}
logdir="$builddir/meson-logs"

say() { printf '\n==> %s\n' "$*"; }

# Printed last: the one line CI reads. A failed build counts as one failure
# and each test whose program could not be built as one more, so that a tree
# that does not build can never report "0 failed".
summary() {
  local extra_failures=$1
  python3 - "$logdir" "$extra_failures" <<'PY'
import glob, json, os, sys
logdir, extra = sys.argv[1], int(sys.argv[2])
passed = failed = skipped = 0
for path in sorted(glob.glob(os.path.join(logdir, 'testlog*.json'))):
    with open(path, encoding='utf-8', errors='replace') as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            result = json.loads(line).get('result')
            if result in ('OK', 'EXPECTEDFAIL'):
                passed += 1
            elif result == 'SKIP':
                skipped += 1
            else:  # FAIL, UNEXPECTEDPASS, TIMEOUT, ERROR, INTERRUPT
                failed += 1
failed += extra
if skipped:
    print(f'{skipped} skipped')
print(f'{passed} passed, {failed} failed')
sys.exit(1 if failed else 0)
PY
}

say "Installing missing Debian packages"
if ! sh build-aux/setup-debian.sh; then
  echo "The Debian packages UnionDesk needs could not be installed (see above)." >&2
  echo "0 passed, 1 failed"
  exit 1
fi

say "Configuring $builddir"
setup_failed=0
if [ -f "$builddir/meson-private/coredata.dat" ]; then
  meson setup --reconfigure "$builddir" || meson setup --wipe "$builddir" || setup_failed=1
else
  rm -rf "$builddir"
  meson setup "$builddir" || setup_failed=1
fi
if [ "$setup_failed" -ne 0 ] || [ ! -f "$builddir/build.ninja" ]; then
  echo "meson setup failed (see above)." >&2
  echo "0 passed, 1 failed"
  exit 1
fi

say "Building"
build_failures=0
# -k 0: build everything that can be built, so the tests of the parts that
# compile still run and say what works.
if ! ninja -C "$builddir" -k 0; then
  echo "The build failed (see above); the tests that could be built run anyway." >&2
  build_failures=1
fi

rm -f "$logdir"/testlog*.json "$logdir"/testlog*.txt "$logdir"/testlog*.junit.xml

# Tests whose program was not built are reported as failures by name; meson
# would otherwise refuse to run any test at all.
lists=$(mktemp -d)
trap 'rm -rf "$lists"' EXIT
if ! meson introspect "$builddir" --tests > "$lists/tests.json"; then
  echo "meson could not list the tests." >&2
  echo "0 passed, $((build_failures + 1)) failed"
  exit 1
fi
python3 - "$lists" "$builddir" <<'PY'
import json, os, sys
lists, builddir = sys.argv[1], os.path.abspath(sys.argv[2])
tests = json.load(open(os.path.join(lists, 'tests.json'), encoding='utf-8'))
groups = {'display': [], 'other': [], 'missing': []}
for t in tests:
    program = t['cmd'][0] if t['cmd'] else ''
    built = os.path.abspath(program).startswith(builddir + os.sep)
    if built and not os.path.exists(program):
        groups['missing'].append(t['name'])
    elif any(s.split(':')[-1] == 'display' for s in t['suite']):
        groups['display'].append(t['name'])
    else:
        groups['other'].append(t['name'])
for group, names in groups.items():
    with open(os.path.join(lists, group), 'w', encoding='utf-8') as f:
        f.write(''.join(n + '\n' for n in sorted(set(names))))
PY
mapfile -t other_tests < "$lists/other"
mapfile -t display_tests < "$lists/display"
mapfile -t missing_tests < "$lists/missing"

test_failures=0
if [ "${#other_tests[@]}" -gt 0 ]; then
  say "Running the tests that need no display"
  # No display for these: a core or CLI test that needs one is a bug.
  env -u DISPLAY -u WAYLAND_DISPLAY \
    meson test -C "$builddir" --no-rebuild --print-errorlogs \
      --no-suite display --logbase testlog "$@" "${other_tests[@]}" \
    || [ -f "$logdir/testlog.json" ] || test_failures=$((test_failures + 1))
fi

if [ "${#display_tests[@]}" -gt 0 ]; then
  say "Running the display tests under Xvfb"
  xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" \
    dbus-run-session -- \
    meson test -C "$builddir" --no-rebuild --print-errorlogs \
      --suite display --logbase testlog-display "$@" "${display_tests[@]}" \
    || [ -f "$logdir/testlog-display.json" ] || test_failures=$((test_failures + 1))
fi

# ---- Debian packages (issue 14) ---------------------------------------------
# dpkg-buildpackage, lintian, the packages unpacked into a scratch root and
# started from there (build-aux/check-packages.sh); each check one test of
# the summary, through testlog-packages.json. UD_SKIP_PACKAGES=1 leaves
# them out while iterating (CI never sets it).
if [ "${UD_SKIP_PACKAGES:-0}" != 1 ]; then
  say "Building and checking the Debian packages"
  bash build-aux/check-packages.sh "$builddir" "$logdir/testlog-packages.json" \
    || [ -s "$logdir/testlog-packages.json" ] || test_failures=$((test_failures + 1))
fi
# ---- end of the Debian packages ---------------------------------------------

if [ "${#missing_tests[@]}" -gt 0 ]; then
  say "Tests that could not be built"
  printf '  %s\n' "${missing_tests[@]}"
fi

say "Summary"
summary $((build_failures + test_failures + ${#missing_tests[@]}))
