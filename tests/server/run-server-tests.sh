#!/bin/sh
# Runs a server test program against a throwaway PostgreSQL cluster.
#
#   run-server-tests.sh SERVER PROGRAM [ARGS…]
#
# It creates its own cluster with initdb in a temporary directory, listening
# only on a Unix socket inside that directory (no TCP port, so several runs
# can go at once), and removes it afterwards.  As root the cluster runs as
# the postgres user.  Inside it this script
# starts `SERVER serve` on a free loopback port and runs PROGRAM with
#   UNIONDESK_DATABASE  the cluster's connection string
#   UD_SERVER_BIN       SERVER
#   UD_SERVER_URL       the running server, e.g. http://127.0.0.1:40123/
#   UD_SERVER_LOG       its log (stderr), shown when PROGRAM fails
# UD_PG_FSYNC=on keeps fsync on (a benchmark measures what a real server
# would do); by default it is off, for speed.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

if [ $# -lt 2 ]; then
  echo "usage: $0 SERVER PROGRAM [ARGS…]" >&2
  exit 2
fi

if [ -z "${UD_PG_HOST:-}" ]; then
  pgbin=""
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && pgbin=$dir
  done
  if [ -z "$pgbin" ]; then
    echo "$0: PostgreSQL is missing: install postgresql (build-aux/setup-debian.sh)" >&2
    exit 1
  fi
  cluster=$(mktemp -d "${TMPDIR:-/tmp}/ud-pg.XXXXXX")
  chmod 0755 "$cluster"
  as_owner=""
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$cluster"
    as_owner="runuser -u postgres --"
  fi
  stop_cluster() {
    $as_owner "$pgbin/pg_ctl" -D "$cluster/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$cluster"
  }
  trap stop_cluster EXIT INT TERM
  if ! $as_owner "$pgbin/initdb" -D "$cluster/data" -U postgres --auth=trust \
         -E UTF8 --locale=C.UTF-8 >"$cluster/initdb.log" 2>&1; then
    echo "$0: initdb failed:" >&2
    cat "$cluster/initdb.log" >&2
    exit 1
  fi
  if ! $as_owner "$pgbin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 \
         -o "-c listen_addresses='' -c unix_socket_directories='$cluster' -c max_connections=200 -c fsync=${UD_PG_FSYNC:-off} -c synchronous_commit=${UD_PG_FSYNC:-off} -c full_page_writes=${UD_PG_FSYNC:-off}" \
         start >/dev/null; then
    echo "$0: the throwaway PostgreSQL did not start:" >&2
    cat "$cluster/server.log" >&2
    exit 1
  fi
  "$pgbin/createdb" -h "$cluster" -U postgres uniondesk_test
  status=0
  UD_PG_HOST=$cluster "$0" "$@" || status=$?
  exit $status
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

export UNIONDESK_DATABASE="host=$UD_PG_HOST user=postgres dbname=uniondesk_test"
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
"$@" || status=$?

if [ $status -ne 0 ]; then
  echo "--- last lines of the server's log ---" >&2
  tail -n 40 "$work/serve.log" >&2
fi
exit $status
