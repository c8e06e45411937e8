#!/bin/sh
# An office syncs with a server, both as installed by the packages:
#
#   run-server-tests.sh SERVER packaged-office.sh CLI
#
# (build-aux/check-packages.sh runs it with the programs unpacked from the
# .deb files). The server gives a token; the CLI sets up an office, adds a
# member from a roster, syncs, and a second office of the district pulls
# the member.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

cli=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/ud-packaged.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$UD_SERVER_BIN" token add --district 110228 --name "Packaged office" | tail -n 1 >"$work/token"
chmod 0600 "$work/token"

printf '%s\n' 'name,sex,id_number,phone,unit,joined_on' \
  '朱明敏,女,11010519491231002X,13800138000,密云建材,2020-05-01' >"$work/roster.csv"

"$cli" --db "$work/a.db" init --district 110228 --office "Packaged office A" --office-number 01
"$cli" --db "$work/a.db" import members "$work/roster.csv"
"$cli" --db "$work/a.db" sync --server "$UD_SERVER_URL" --token-file "$work/token" --json

"$cli" --db "$work/b.db" init --district 110228 --office "Packaged office B" --office-number 02
"$cli" --db "$work/b.db" sync --server "$UD_SERVER_URL" --token-file "$work/token" --json
"$cli" --db "$work/b.db" search 朱明敏 --json >"$work/found.json"
cat "$work/found.json"
grep -q '朱明敏' "$work/found.json"
echo "The second office pulled the member the first one pushed."
