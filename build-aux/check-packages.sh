#!/usr/bin/env bash
# The Debian packages, built and checked as CI does (build-aux/run-tests.sh):
#
#   check-packages.sh BUILDDIR RESULTS
#
# builds uniondesk and uniondesk-server with `dpkg-buildpackage -us -uc -b`
# (nocheck: the test suites ran already) in a copy of the tree under
# BUILDDIR/deb, runs lintian on them, unpacks them into a scratch root and
# starts what they install from there: `uniondesk-cli --version`,
# `uniondesk-server --version`, `systemd-analyze verify` of the units, and
# an office made and synced by the installed uniondesk-cli with the
# installed uniondesk-server, against a throwaway PostgreSQL. Each check is
# one line {"name": …, "result": "OK"|"FAIL"} in RESULTS, the form of
# meson's test logs, so that the summary counts it.
#
# The maintainer scripts (user, configuration file, migrate, service) need a
# whole system: README's "Install" was followed in a debootstrap chroot by
# hand (see the server README), not on every CI run.
#
# Copyright 2026 The UnionDesk developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -uo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
builddir=$(cd "$1" && pwd)
results=$2
work="$builddir/deb"
root="$work/root"
version=$(dpkg-parsechangelog -l "$srcdir/debian/changelog" -S Version)
arch=$(dpkg --print-architecture)

: >"$results"

record() {
  local name=$1 status=$2
  local result=FAIL
  [ "$status" -eq 0 ] && result=OK
  printf '{"name": "packages:%s", "result": "%s"}\n' "$name" "$result" >>"$results"
  printf '%-40s %s\n' "packages:$name" "$result"
}

# Runs a check; its output goes to the log, shown when it fails.
check() {
  local name=$1
  shift
  local log="$work/$name.log"
  local status=0
  "$@" >"$log" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then
    echo "--- $name failed; its output:" >&2
    tail -n 40 "$log" >&2
  fi
  record "$name" "$status"
  return "$status"
}

build() {
  # A copy of the tree: dpkg-buildpackage writes into debian/ and puts the
  # packages in the parent folder. The copy keeps its meson build folder
  # (obj-*) between runs, so a second run rebuilds only what changed; the
  # rest is laid anew, so that a file removed from the tree is gone here.
  mkdir -p "$work/src"
  find "$work/src" -mindepth 1 -maxdepth 1 ! -name 'obj-*' -exec rm -rf {} +
  rm -f "$work"/*.deb "$work"/*.changes "$work"/*.buildinfo
  tar -C "$srcdir" --exclude='./_build*' --exclude='./build' --exclude=./.git \
      --exclude='./obj-*' --exclude='./debian/.debhelper' --exclude='./debian/uniondesk' \
      --exclude='./debian/uniondesk-server' --exclude='./debian/tmp' -cf - . |
    tar -C "$work/src" -xf -
  (cd "$work/src" &&
     rm -f debian/debhelper-build-stamp debian/files debian/*.substvars &&
     rm -rf debian/.debhelper debian/uniondesk debian/uniondesk-server debian/tmp &&
     DEB_BUILD_OPTIONS="nocheck parallel=$(nproc)" dpkg-buildpackage -us -uc -b -nc -Pnocheck)
}

contents() {
  local missing=0 path
  for path in \
      usr/bin/uniondesk usr/bin/uniondesk-cli \
      usr/share/applications/io.github.uniondesk.UnionDesk.desktop \
      usr/share/metainfo/io.github.uniondesk.UnionDesk.metainfo.xml \
      usr/share/glib-2.0/schemas/io.github.uniondesk.UnionDesk.gschema.xml \
      usr/share/icons/hicolor/scalable/apps/io.github.uniondesk.UnionDesk.svg \
      usr/share/locale/zh_CN/LC_MESSAGES/uniondesk.mo \
      usr/bin/uniondesk-server etc/uniondesk/server.conf \
      usr/share/uniondesk-server/locale/zh_CN/LC_MESSAGES/uniondesk.mo \
      lib/systemd/system/uniondesk-server.service \
      lib/systemd/system/uniondesk-server@.service \
      usr/share/doc/uniondesk-server/README.Debian.gz; do
    if [ ! -e "$root/$path" ]; then
      echo "missing from the packages: /$path"
      missing=1
    fi
  done
  [ "$(dpkg-deb -f "$work/uniondesk-server_${version}_$arch.deb" Depends | grep -c adduser)" -eq 1 ] || missing=1
  return $missing
}

install_root() {
  rm -rf "$root"
  mkdir -p "$root"
  dpkg-deb -x "$work/uniondesk_${version}_$arch.deb" "$root" &&
    dpkg-deb -x "$work/uniondesk-server_${version}_$arch.deb" "$root" &&
    contents
}

# The program prints its name and the package's version.
version_is() {
  local out
  out=$("$@") || return 1
  echo "$out"
  case "$out" in
    *" $version"*) return 0 ;;
    *) echo "expected version $version"; return 1 ;;
  esac
}

# systemd-analyze verify in the scratch root, with the host's own units
# (targets, sockets) beside ours for the dependencies.
verify_units() {
  mkdir -p "$root/lib/systemd/system"
  cp -an /lib/systemd/system/. "$root/lib/systemd/system/" 2>/dev/null
  systemd-analyze verify --root="$root" /lib/systemd/system/uniondesk-server.service &&
    systemd-analyze verify --root="$root" uniondesk-server@1.service
}

# The installed server serves, the installed CLI makes an office and syncs
# with it, twice (the second run pushes nothing and finds its record).
office_syncs() {
  PATH="$root/usr/bin:$PATH" \
    bash "$srcdir/tests/server/run-server-tests.sh" "$root/usr/bin/uniondesk-server" \
      bash "$srcdir/tests/server/packaged-office.sh" "$root/usr/bin/uniondesk-cli"
}

mkdir -p "$work"
if ! check build build; then
  for name in lintian install cli-version server-version units office-sync; do
    record "$name" 1
  done
  exit 1
fi
check lintian lintian --fail-on error --tag-display-limit 0 "$work/uniondesk_${version}_$arch.changes"
if check install install_root; then
  check cli-version version_is "$root/usr/bin/uniondesk-cli" --version
  check server-version version_is "$root/usr/bin/uniondesk-server" --version
  check units verify_units
  check office-sync office_syncs
else
  for name in cli-version server-version units office-sync; do
    record "$name" 1
  done
fi
exit 0
