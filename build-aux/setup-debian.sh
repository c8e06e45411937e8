#!/bin/sh
# Installs the Debian 12 packages UnionDesk needs to build, run and test.
# Only what is missing is installed; safe to run again.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

PACKAGES="
  meson ninja-build pkg-config gcc gettext itstool
  clang libclang-rt-14-dev
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev
  libsqlite3-dev sqlite3 libsoup-3.0-dev libjson-glib-dev
  libpoppler-glib-dev libcairo2-dev libpango1.0-dev
  libqrencode-dev libxlsxwriter-dev libsodium-dev libsecret-1-dev
  libharfbuzz-dev libfreetype-dev
  libzip-dev libxml2-dev libpq-dev
  unicode-data fonts-noto-cjk
  desktop-file-utils appstream
  xvfb xauth dbus-x11 dbus-daemon poppler-utils locales-all python3
  postgresql postgresql-common openssl
  build-essential debhelper dpkg-dev lintian systemd haproxy
"

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

if [ -n "$missing" ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
  fi
  echo "Installing:$missing"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
fi
