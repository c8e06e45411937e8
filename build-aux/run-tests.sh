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
# Then a second build, BUILDDIR-asan, with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer and without the app, runs the core, CLI,
# sync and server tests again, and the fuzz targets of tests/fuzz/ (each
# a test: its seed corpus, then UD_FUZZ_SECONDS, default 60, of
# libFuzzer's mutations).  UD_SANITIZE=0 leaves it out.
#
# Copyright 2026 The UnionDesk developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -uo pipefail
exec </dev/null

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$srcdir" || exit 1
builddir=${UD_BUILDDIR:-_build-ci}
logdir="$builddir/meson-logs"
asandir="$builddir-asan"
asanlogdir="$asandir/meson-logs"

say() { printf '\n==> %s\n' "$*"; }

# Printed last: the one line CI reads. A failed build counts as one failure
# and each test whose program could not be built as one more, so that a tree
# that does not build can never report "0 failed".
summary() {
  local extra_failures=$1
  python3 - "$extra_failures" "$logdir" "$asanlogdir" <<'PY'
import glob, json, os, sys
extra, logdirs = int(sys.argv[1]), sys.argv[2:]
passed = failed = skipped = 0
for path in sorted(p for d in logdirs for p in glob.glob(os.path.join(d, 'testlog*.json'))):
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
rm -f "$asanlogdir"/testlog*.json "$asanlogdir"/testlog*.txt "$asanlogdir"/testlog*.junit.xml

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

# The sanitizer build: memory errors and undefined behaviour stop the
# test that meets them, and the fuzz targets look for more.
asan_failures=0
if [ "${UD_SANITIZE:-1}" != 0 ]; then
  say "Configuring $asandir (clang, AddressSanitizer, UndefinedBehaviorSanitizer, fuzz targets)"
  asan_options="-Db_sanitize=address,undefined -Db_lundef=false -Dapp=false -Dfuzzing=true"
  if [ -f "$asandir/meson-private/coredata.dat" ]; then
    meson setup --reconfigure "$asandir" $asan_options >/dev/null \
      || { rm -rf "$asandir"; CC=clang meson setup "$asandir" $asan_options; } || asan_failures=1
  else
    rm -rf "$asandir"
    CC=clang meson setup "$asandir" $asan_options || asan_failures=1
  fi
  if [ "$asan_failures" -eq 0 ]; then
    say "Building $asandir"
    ninja -C "$asandir" -k 0 || asan_failures=1
  fi
  if [ "$asan_failures" -eq 0 ]; then
    say "Running the core, CLI, sync and server tests and the fuzz targets under the sanitizers"
    # Leaks are not memory errors, and GLib's type system keeps what it
    # allocates for the life of the process.
    ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:strict_string_checks=1 \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    env -u DISPLAY -u WAYLAND_DISPLAY \
      meson test -C "$asandir" --no-rebuild --print-errorlogs --timeout-multiplier 4 \
        --suite core --suite cli --suite sync --suite server --suite fuzz \
        --logbase testlog-asan "$@" \
      || [ -f "$asanlogdir/testlog-asan.json" ] || asan_failures=1
  fi
  if [ "$asan_failures" -ne 0 ]; then
    echo "The sanitizer build could not be made or run (see above)." >&2
  fi
fi

say "Summary"
summary $((build_failures + test_failures + asan_failures + ${#missing_tests[@]}))
