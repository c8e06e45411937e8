#!/usr/bin/env bash
# The first command of README: installs what is missing from Debian, builds
# UnionDesk in _build and starts the desktop app from the build tree, on its
# embedded SQLite default. Arguments are passed to the app.
#
# From the build tree the app finds its settings schema through
# GSETTINGS_SCHEMA_DIR, its icons through XDG_DATA_DIRS and its compiled
# translations through UD_LOCALEDIR (<build>/po/<lang>/LC_MESSAGES/uniondesk.mo).
# UD_BUILDDIR overrides the build folder.
#
# Copyright 2026 The UnionDesk developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$srcdir"
builddir=${UD_BUILDDIR:-_build}

sh build-aux/setup-debian.sh

if [ ! -f "$builddir/build.ninja" ]; then
  rm -rf "$builddir"
  meson setup "$builddir"
fi
ninja -C "$builddir"

app="$srcdir/$builddir/src/app/uniondesk"
if [ ! -x "$app" ]; then
  echo "The build did not produce $app." >&2
  exit 1
fi

export GSETTINGS_SCHEMA_DIR="$srcdir/$builddir/data"
export XDG_DATA_DIRS="$srcdir/data:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
export UD_LOCALEDIR="$srcdir/$builddir/po"
exec "$app" "$@"
