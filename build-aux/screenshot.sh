#!/usr/bin/env bash
# A picture of the app as it opens, taken under Xvfb: the set-up window on
# an empty database, the sign-in on an office's.  For the windows behind
# the sign-in, run a display test: each saves the windows it drives as
# PNGs in <build>/tests/app (see HACKING.md).
#
#   build-aux/screenshot.sh OUT.png [--db PATH] [--lang zh_CN] [--wait SECONDS]
#
# Without --db the app opens a new database in a temporary folder.  The
# build folder is _build (UD_BUILDDIR overrides it); it must be built.
# Needs xvfb-run and ImageMagick's import (Debian: xvfb, imagemagick).
#
# Copyright 2026 The UnionDesk developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
builddir=${UD_BUILDDIR:-_build}
case "$builddir" in /*) ;; *) builddir="$srcdir/$builddir" ;; esac

usage() {
  echo "Usage: $0 OUT.png [--db PATH] [--lang zh_CN] [--wait SECONDS]" >&2
  exit 2
}

[ $# -ge 1 ] || usage
out=$1
shift
db=
lang=C
wait=4
while [ $# -gt 0 ]; do
  case "$1" in
    --db) [ $# -ge 2 ] || usage; db=$2; shift 2 ;;
    --lang) [ $# -ge 2 ] || usage; lang=$2; shift 2 ;;
    --wait) [ $# -ge 2 ] || usage; wait=$2; shift 2 ;;
    *) usage ;;
  esac
done

app="$builddir/src/app/uniondesk"
for tool in xvfb-run import; do
  if ! command -v "$tool" >/dev/null; then
    echo "$tool is missing: sudo apt-get install xvfb imagemagick" >&2
    exit 1
  fi
done
if [ ! -x "$app" ]; then
  echo "$app is not built: ninja -C $builddir" >&2
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -n "$db" ] || db="$tmp/office.db"
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
case "$lang" in C|en*) locale=C.UTF-8 ;; *) locale=$lang.UTF-8 ;; esac

# The app in the background, the picture of the whole screen after
# @wait seconds, then the app is stopped (its own process only).
env GSETTINGS_BACKEND=memory \
    GSETTINGS_SCHEMA_DIR="$builddir/data" \
    XDG_DATA_DIRS="$srcdir/data:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}" \
    XDG_DATA_HOME="$tmp/data" \
    UD_LOCALEDIR="$builddir/po" \
    LC_ALL="$locale" LANG="$locale" \
    GDK_BACKEND=x11 NO_AT_BRIDGE=1 \
  xvfb-run -a -s "-screen 0 1280x900x24 -nolisten tcp" bash -c '
    "$1" --db "$2" &
    pid=$!
    sleep "$3"
    import -window root "$4"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
  ' screenshot "$app" "$db" "$wait" "$out" </dev/null

echo "$out"
