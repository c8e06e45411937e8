#!/bin/sh
# Runs a server test program against a throwaway PostgreSQL cluster.
#
#   run-server-tests.sh SERVER PROGRAM [ARGS…]
#
# pg_virtualenv (postgresql-common) creates the cluster in a temporary
# directory and removes it afterwards; it works as root (the cluster then
# runs as the postgres user) and as a normal user. Inside it this script
# starts `SERVER serve` on a free loopback port and runs PROGRAM with
#   UNIONDESK_DATABASE  the cluster's connection string
#   UD_SERVER_BIN       SERVER
#   UD_SERVER_URL       the running server, e.g. http://127.0.0.1:40123/
#   UD_SERVER_LOG       its log (stderr), shown when PROGRAM fails
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

if [ $# -lt 2 ]; then
  echo "usage: $0 SERVER PROGRAM [ARGS…]" >&2
  exit 2
fi

if [ -z "${PGPORT:-}" ] || [ -z "${UD_IN_PG_VIRTUALENV:-}" ]; then
  if ! command -v pg_virtualenv >/dev/null 2>&1; then
    echo "$0: pg_virtualenv is missing: install postgresql (build-aux/setup-debian.sh)" >&2
    exit 1
  fi
  export UD_IN_PG_VIRTUALENV=1
  # As root, pg_virtualenv's cluster is the system's "regress" one; a run
  # that was killed leaves it behind and every later run refuses to start.
  # With no pg_virtualenv running, such a cluster is a leftover.
  if [ "$(id -u)" -eq 0 ] && ! pgrep -x pg_virtualenv >/dev/null 2>&1; then
    for conf in /etc/postgresql/*/regress; do
      [ -d "$conf" ] || continue
      version=$(basename "$(dirname "$conf")")
      echo "$0: removing the cluster $version/regress left by an interrupted run" >&2
      pg_dropcluster --stop "$version" regress >&2 2>&1 || rm -rf "$conf" "/var/lib/postgresql/$version/regress"
    done
  fi
  # pg_virtualenv talks on stdout; the program's output (TAP) must stay
  # clean, so it goes out through descriptor 3.
  # pg_virtualenv turns fsync off for speed; a benchmark sets
  # UD_PG_FSYNC=on to measure what a real server would do.
  exec 3>&1
  exec pg_virtualenv -o max_connections=200 -o "fsync=${UD_PG_FSYNC:-off}" "$0" "$@" >&2
fi

server=$1
shift

work=$(mktemp -d "${TMPDIR:-/tmp}/ud-server-tests.XXXXXX")
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

export UNIONDESK_DATABASE="host=$PGHOST port=$PGPORT user=$PGUSER password=$PGPASSWORD dbname=$PGDATABASE"
export UD_SERVER_BIN="$server"

"$server" migrate >&2

: >"$work/serve.out"
"$server" serve --listen 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.log" &
server_pid=$!

url=""
tries=0
while [ -z "$url" ]; do
  url=$(sed -n 's|^.*\(http://[^ ]*\).*$|\1|p' "$work/serve.out" | head -n 1)
  if [ -z "$url" ]; then
    if ! kill -0 "$server_pid" 2>/dev/null || [ $tries -ge 100 ]; then
      echo "$0: the server did not start:" >&2
      cat "$work/serve.log" >&2
      exit 1
    fi
    tries=$((tries + 1))
    sleep 0.1
  fi
done
export UD_SERVER_URL="$url"
export UD_SERVER_LOG="$work/serve.log"

status=0
"$@" >&3 || status=$?

if [ $status -ne 0 ]; then
  echo "--- last lines of the server's log ---" >&2
  tail -n 40 "$work/serve.log" >&2
fi
exit $status
