#!/bin/sh
# run-fuzz.sh — one fuzz target as one test: every input of its seed
# corpus once (the regression inputs of issue 12 among them), then
# libFuzzer's own mutations for a bounded time, then the figures.
#
# Copyright 2026 The UnionDesk developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: run-fuzz.sh TARGET SEED-DIR ARTIFACT-DIR
# UD_FUZZ_SECONDS (default 60) bounds the mutation phase; 0 runs only the
# seeds.  A crash, a hang past 10 s, a sanitizer report or more than
# 2 GB of memory fails the test and leaves the input in ARTIFACT-DIR.

set -u

if [ $# -ne 3 ]; then
  echo "usage: $0 TARGET SEED-DIR ARTIFACT-DIR" >&2
  exit 2
fi

target=$1
seeds=$2
artifacts=$3
seconds=${UD_FUZZ_SECONDS:-60}
name=$(basename "$target")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
mkdir -p "$artifacts"

# The sanitizers stop at the first report.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

echo "# $name: the seed corpus, each input once"
if ! "$target" -runs=0 -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$artifacts/$name-" "$seeds" >"$work/seeds.log" 2>&1; then
  sed 's/^/# /' "$work/seeds.log" | tail -n 40
  echo "$name: a seed input failed (its copy is in $artifacts)" >&2
  exit 1
fi
grep -E "INITED|DONE" "$work/seeds.log" | sed 's/^/# /'

[ "$seconds" -gt 0 ] || exit 0

echo "# $name: mutations for $seconds s"
mkdir "$work/corpus"
if ! "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
     -print_final_stats=1 -artifact_prefix="$artifacts/$name-" \
     "$work/corpus" "$seeds" >"$work/fuzz.log" 2>&1; then
  sed 's/^/# /' "$work/fuzz.log" | tail -n 60
  echo "$name: libFuzzer found a failing input (kept in $artifacts)" >&2
  exit 1
fi

runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/fuzz.log")
new=$(ls "$work/corpus" | wc -l)
echo "# $name: ${runs:-?} inputs tried in $seconds s, $new new inputs kept, no crash"
echo "$name: ${runs:-?} inputs tried, no crash" >&2
