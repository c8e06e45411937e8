#!/usr/bin/env bash
# test-scale-out.sh — two uniondesk-server processes behind Debian's haproxy
# against one PostgreSQL, fifty offices syncing through the proxy, one server
# killed (SIGKILL) and restarted in the middle, the other stopped gracefully
# (SIGTERM) and restarted in the middle of the next round.
#
#   run-server-tests.sh SERVER test-scale-out.sh CLI
#
# run-server-tests.sh provides the throwaway cluster (UNIONDESK_DATABASE,
# UD_PG_HOST) and the server program (UD_SERVER_BIN); the server it starts
# is not used. The offices are real office databases driven by
# uniondesk-cli, as a scheduled sync would run it: five districts of ten
# offices, each importing a roster of its own and syncing, twice (the second
# roster changes members and adds others), then syncing once more to catch
# up. Then every office must hold exactly its district's members, in their
# last version (every office converged, none holds another district's), and
# the server each member once (nothing lost, nothing doubled).
#
# Output is TAP. SCALE_OFFICES (a multiple of 5, default 50) and
# SCALE_MEMBERS (default 20) size it.
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

if [ $# -ne 1 ] || [ -z "${UD_SERVER_BIN:-}" ] || [ -z "${UD_PG_HOST:-}" ]; then
  echo "usage: run-server-tests.sh SERVER $0 UNIONDESK-CLI" >&2
  exit 2
fi

cli=$1
server=$UD_SERVER_BIN
offices=${SCALE_OFFICES:-50}
members=${SCALE_MEMBERS:-20}
districts=5
per_district=$((offices / districts))
added=5      # members each office adds in the second round
changed=5    # members whose phone each office changes in the second round

work=$(mktemp -d "${TMPDIR:-/tmp}/ud-scale-out.XXXXXX")
pids=()
count=0
failures=0

cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

pass() {
  count=$((count + 1))
  echo "ok $count - $1"
}

fail() {
  count=$((count + 1))
  failures=$((failures + 1))
  echo "not ok $count - $1"
  shift
  for f in "$@"; do
    [ -s "$f" ] && tail -n 20 "$f" | sed 's/^/# /'
  done
  return 0
}

bail() {
  echo "Bail out! $1"
  shift
  for f in "$@"; do
    [ -s "$f" ] && tail -n 30 "$f" | sed 's/^/# /'
  done
  exit 1
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_server NAME PORT: serves on 127.0.0.1:PORT, logs to NAME.log
# (appended, so that a restarted server's log follows the first one's).
start_server() {
  local name=$1 port=$2 tries=0
  "$server" serve --listen "127.0.0.1:$port" --workers 4 --stop-timeout 20 \
    >"$work/$name.out" 2>>"$work/$name.log" &
  eval "pid_$name=$!"
  pids+=("$!")
  until grep -q "Listening on" "$work/$name.out" 2>/dev/null; do
    tries=$((tries + 1))
    if [ $tries -gt 100 ] || ! kill -0 "$(eval echo "\$pid_$name")" 2>/dev/null; then
      bail "server $name did not start on port $port" "$work/$name.log"
    fi
    sleep 0.1
  done
}

health() {
  python3 - "$1" <<'PY'
import sys, urllib.request
try:
    with urllib.request.urlopen(sys.argv[1] + "/api/v1/health", timeout=5) as r:
        sys.exit(0 if r.status == 200 else 1)
except Exception:
    sys.exit(1)
PY
}

# ---- the cluster: two servers and haproxy --------------------------------

"$server" migrate >/dev/null 2>"$work/migrate.log" || bail "migrate failed" "$work/migrate.log"

port_a=$(free_port)
port_b=$(free_port)
start_server a "$port_a"
start_server b "$port_b"

haproxy_bin=$(command -v haproxy || echo /usr/sbin/haproxy)
[ -x "$haproxy_bin" ] || bail "haproxy is missing: install it (build-aux/setup-debian.sh)"

# Health checks every 300 ms: a killed server is out of the rotation within
# a second (its port refuses at once), a restarted one back as soon. A check
# may take up to 5 s to be answered: a server that is slow because the
# machine is loaded (sanitizer builds, CI beside other work) is busy, not
# dead, and must not take both servers out of the rotation. A request whose connection fails
# goes to the other server (redispatch); a push cut off mid-answer reaches
# the office as an error, and the office sends the same batch again.
proxy_started=0
for attempt in 1 2 3; do
  port_proxy=$(free_port)
  cat >"$work/haproxy.cfg" <<EOF
global
  maxconn 1000

defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  retries 3
  option redispatch
  retry-on conn-failure empty-response response-timeout 503

frontend offices
  bind 127.0.0.1:$port_proxy
  default_backend servers

backend servers
  balance roundrobin
  option httpchk GET /api/v1/health
  http-check expect status 200
  timeout check 5s
  server a 127.0.0.1:$port_a check inter 300ms fall 1 rise 1
  server b 127.0.0.1:$port_b check inter 300ms fall 1 rise 1
EOF
  "$haproxy_bin" -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
  pid_proxy=$!
  pids+=("$pid_proxy")
  for _ in $(seq 50); do
    health "http://127.0.0.1:$port_proxy" && { proxy_started=1; break; }
    kill -0 "$pid_proxy" 2>/dev/null || break
    sleep 0.1
  done
  [ $proxy_started -eq 1 ] && break
  kill "$pid_proxy" 2>/dev/null
done
[ $proxy_started -eq 1 ] || bail "haproxy did not start" "$work/haproxy.log"
url="http://127.0.0.1:$port_proxy"
pass "two servers (ports $port_a, $port_b) behind haproxy (port $port_proxy) answer the health check"

# ---- the offices -----------------------------------------------------------

# Rosters: each office its own people (ID numbers valid under GB 11643,
# distinct birth dates per office), its own unit. roster-N-1.csv is the
# first round's, roster-N-2.csv the second's (phones changed, members
# added); expected-D.txt what every office of district D must end with.
python3 - "$work" "$offices" "$per_district" "$members" "$added" "$changed" <<'PY'
import datetime, os, sys
work, offices, per_district, members, added, changed = sys.argv[1], *map(int, sys.argv[2:])
weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
checks = "10X98765432"
def id_number(area, born, seq):
    body = f"{area}{born:%Y%m%d}{seq:03d}"
    return body + checks[sum(int(c) * w for c, w in zip(body, weights)) % 11]
expected = {}
for n in range(offices):
    district = f"1101{n // per_district + 1:02d}"
    born = datetime.date(1960, 1, 1) + datetime.timedelta(days=n * 40)
    rows1, rows2 = [], []
    for m in range(members + added):
        seq = m + 1
        sex = "男" if seq % 2 else "女"
        number = id_number(district, born, seq)
        name = f"会员{n:02d}{m:02d}"
        phone1 = f"139{n:04d}{m:04d}"
        phone2 = f"137{n:04d}{m:04d}" if m < changed else phone1
        unit = f"单位{n:02d}"
        if m < members:
            rows1.append(f"{name},{sex},{number},{phone1},{unit},2020-05-01")
        rows2.append(f"{name},{sex},{number},{phone2},{unit},2020-05-01")
        expected.setdefault(district, []).append(f"{number}|{name}|{phone2}")
    header = "name,sex,id_number,phone,unit,joined_on\n"
    for r, rows in ((1, rows1), (2, rows2)):
        with open(os.path.join(work, f"roster-{n}-{r}.csv"), "w", encoding="utf-8") as f:
            f.write(header + "\n".join(rows) + "\n")
for district, rows in expected.items():
    with open(os.path.join(work, f"expected-{district}.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(sorted(rows)) + "\n")
PY

setup_failed=0
for n in $(seq 0 $((offices - 1))); do
  district="1101$(printf '%02d' $((n / per_district + 1)))"
  number=$(printf '%02d' $((n % per_district + 1)))
  if [ $((n % per_district)) -eq 0 ]; then
    "$server" token add --district "$district" --name "District $district" 2>"$work/token.err" |
      tail -n 1 >"$work/token-$district" || setup_failed=1
    chmod 0600 "$work/token-$district"
  fi
  printf 'office-admin-1\n' | "$cli" --db "$work/office-$n.db" init --district "$district" --office "Office $n" \
    --office-number "$number" --admin admin >/dev/null 2>>"$work/setup.err" || setup_failed=1
done
[ $setup_failed -eq 0 ] && [ -s "$work/token-110101" ] || bail "the offices could not be set up" "$work/setup.err" "$work/token.err"
pass "$offices offices in $districts districts set up, one token per district"

# office_round N ROUND: import the round's roster, then sync through the
# proxy; the exit status and the sync's summary are kept.
office_round() {
  local n=$1 round=$2 district
  district="1101$(printf '%02d' $((n / per_district + 1)))"
  {
    if [ "$round" != 3 ]; then
      "$cli" --db "$work/office-$n.db" import members "$work/roster-$n-$round.csv" >/dev/null
    fi &&
      "$cli" --db "$work/office-$n.db" sync --server "$url" --token-file "$work/token-$district" --json \
        >"$work/sync-$n-$round.json"
  } 2>"$work/sync-$n-$round.err"
  echo $? >"$work/status-$n-$round"
}

# run_round ROUND DISRUPT: all offices at once; DISRUPT runs once a third of
# them are done, while the rest are importing, pushing and pulling.
run_round() {
  local round=$1 disrupt=$2 n done_count jobs=()
  for n in $(seq 0 $((offices - 1))); do
    office_round "$n" "$round" &
    jobs+=("$!")
  done
  if [ -n "$disrupt" ]; then
    for _ in $(seq 600); do
      done_count=$(ls "$work"/status-*-"$round" 2>/dev/null | wc -l)
      [ "$done_count" -ge $((offices / 3)) ] && break
      sleep 0.05
    done
    echo "$done_count" >"$work/done-at-disruption-$round"
    $disrupt
  fi
  wait "${jobs[@]}"
}

requests_of() {
  grep -cE "(GET|POST) /api/v1/(push|pull)" "$work/$1.log" 2>/dev/null || true
}

kill_a() {
  requests_of a >"$work/a-requests-before-kill"
  kill -KILL "$pid_a"
  wait "$pid_a" 2>/dev/null
  sleep 1
  echo "--- restarted" >>"$work/a.log"
  start_server a "$port_a"
}

stop_b() {
  kill -TERM "$pid_b"
  wait "$pid_b"
  echo $? >"$work/b-stop-status"
  echo "--- restarted" >>"$work/b.log"
  start_server b "$port_b"
}

round_ok() {
  local round=$1 bad=0 n
  for n in $(seq 0 $((offices - 1))); do
    [ "$(cat "$work/status-$n-$round" 2>/dev/null)" = 0 ] || { bad=$((bad + 1)); echo "office $n:" >>"$work/round-$round.err"; cat "$work/sync-$n-$round.err" >>"$work/round-$round.err"; }
  done
  return $bad
}

retries_in() {
  cat "$work"/sync-*-"$1".json 2>/dev/null |
    python3 -c 'import json, sys; print(sum(json.loads(l)["retries"] for l in sys.stdin if l.strip()))'
}

started=$(date +%s)
run_round 1 kill_a
if round_ok 1; then
  pass "round 1: $offices offices imported $members members each and synced; server a killed (SIGKILL) after $(cat "$work/done-at-disruption-1") offices were done and restarted ($(retries_in 1) requests retried)"
else
  fail "round 1: every office synced although server a was killed" "$work/round-1.err" "$work/haproxy.log"
fi

if [ "$(cat "$work/a-requests-before-kill")" -gt 0 ] && [ "$(cat "$work/done-at-disruption-1")" -lt "$offices" ]; then
  pass "server a was killed midway: it had served $(cat "$work/a-requests-before-kill") requests and offices were still syncing"
else
  fail "server a was killed midway" "$work/a.log"
fi

run_round 2 stop_b
if round_ok 2; then
  pass "round 2: every office changed $changed members, added $added and synced; server b stopped (SIGTERM) and restarted midway ($(retries_in 2) requests retried)"
else
  fail "round 2: every office synced although server b was stopped" "$work/round-2.err" "$work/haproxy.log"
fi
if [ "$(cat "$work/b-stop-status")" = 0 ] && grep -q "Stopped." "$work/b.log"; then
  pass "server b stopped gracefully (exit 0) on SIGTERM"
else
  fail "server b stopped gracefully on SIGTERM" "$work/b.log"
fi

run_round 3 ""
if round_ok 3; then
  pass "round 3: every office synced once more to catch up"
else
  fail "round 3: every office synced once more" "$work/round-3.err"
fi
elapsed=$(($(date +%s) - started))

# Both servers served again after their restart, through the proxy.
after_a=$(sed -n '/^--- restarted/,$p' "$work/a.log" | grep -cE "(GET|POST) /api/v1/(push|pull) 200" || true)
after_b=$(sed -n '/^--- restarted/,$p' "$work/b.log" | grep -cE "(GET|POST) /api/v1/(push|pull) 200" || true)
if [ "$after_a" -gt 0 ] && [ "$after_b" -gt 0 ]; then
  pass "both servers took requests again after their restart ($after_a and $after_b)"
else
  fail "both servers took requests again after their restart (a: $after_a, b: $after_b)" "$work/haproxy.log"
fi

# ---- what the server holds ---------------------------------------------------

psql_bin=$(ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | tail -n 1)
sql() {
  "$psql_bin" -X -A -t -q -v ON_ERROR_STOP=1 "$UNIONDESK_DATABASE" -c "$1"
}
per_district_expected=$((per_district * (members + added)))
counts=$(sql "SELECT district || ':' || count (*) FROM records WHERE kind = 'member' AND NOT deleted GROUP BY district ORDER BY district")
want=$(for d in $(seq 1 $districts); do printf '1101%02d:%d\n' "$d" "$per_district_expected"; done)
if [ "$counts" = "$want" ]; then
  pass "the server holds $per_district_expected members in each district: nothing lost"
else
  printf 'server: %s\nwanted: %s\n' "$counts" "$want" >"$work/counts.txt"
  fail "the server holds $per_district_expected members in each district" "$work/counts.txt"
fi

doubled=$(sql "SELECT count (*) FROM (SELECT district, data->>'id_number' FROM records WHERE kind = 'member' GROUP BY 1, 2 HAVING count (*) > 1) AS d")
conflicts=$(sql "SELECT count (*) FROM conflicts")
if [ "$doubled" = 0 ] && [ "$conflicts" = 0 ]; then
  pass "no member twice on the server and no conflict: nothing doubled"
else
  fail "no member twice on the server ($doubled ID numbers twice, $conflicts conflicts)"
fi

# ---- what every office holds -------------------------------------------------

diverged=0
for n in $(seq 0 $((offices - 1))); do
  district="1101$(printf '%02d' $((n / per_district + 1)))"
  # The office's own export, made by its administrator (whole numbers
  # leave the office only with a person who may take them), read as an
  # office would.
  printf 'office-admin-1\n' | "$cli" --db "$work/office-$n.db" export members "$work/export-$n.csv" --as admin \
    >/dev/null 2>"$work/export-$n.err" &&
    python3 - "$work/export-$n.csv" >"$work/has-$n.txt" 2>>"$work/export-$n.err" <<'PY'
import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.DictReader(f))
print("\n".join(sorted(f"{r['身份证号']}|{r['姓名']}|{r['手机号']}" for r in rows)))
PY
  if ! cmp -s "$work/has-$n.txt" "$work/expected-$district.txt"; then
    diverged=$((diverged + 1))
    { echo "office $n:"; cat "$work/export-$n.err"; diff "$work/expected-$district.txt" "$work/has-$n.txt" | head -n 10; } >>"$work/diverged.txt"
  fi
done
if [ $diverged -eq 0 ]; then
  pass "all $offices offices converged: each holds its district's $per_district_expected members in their last version, and no other district's"
else
  fail "all offices converged ($diverged did not)" "$work/diverged.txt"
fi

echo "# $offices offices, 3 rounds through the proxy in ${elapsed} s"
echo "1..$count"
[ $failures -eq 0 ]
