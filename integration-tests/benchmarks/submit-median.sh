#!/usr/bin/env bash
# Issue 3's closed-loop figure as a median: runs run-benchmarks.sh --load-only ROUNDS times (default 5), each run on
# a fresh server with WARMUP=30s DURATION=40s MODES="submit submit" (64 clients; the second phase is the figure: the
# first one still warms both JITs, docs/benchmarks.md), and prints each run's second-phase rate, latency and CPU per
# request, then the medians. One run proves little on a shared host whose speed moves by a third between minutes.
#
# usage: integration-tests/benchmarks/submit-median.sh [ROUNDS]
# environment: everything run-benchmarks.sh reads (ATTESTOR_JAR, CLIENTS, LOG_BATCH_MAX_AGE_MS, ...); WARMUP,
#              DURATION and MODES are set here unless given.
# Exit status: non-zero if any run fails (a server that does not start, a failed request).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
rounds="${1:-5}"
case "$rounds" in ''|*[!0-9]*|0) echo "usage: $0 [ROUNDS > 0]" >&2; exit 2 ;; esac
export WARMUP="${WARMUP:-30s}" DURATION="${DURATION:-40s}" MODES="${MODES:-submit submit}"

field() { # field NAME LINE: the value of NAME=... in a RESULT line
  sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"
}
median() { # the median of the arguments (numbers)
  printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'
}

rates=() p50s=() p99s=() cpus=()
for round in $(seq 1 "$rounds"); do
  log="$(mktemp)"
  if ! "$here/run-benchmarks.sh" --load-only >"$log" 2>&1; then
    cat "$log" >&2
    echo "run $round failed (output above)" >&2
    exit 1
  fi
  result="$(grep '^RESULT phase=submit' "$log" | tail -1)"
  rm -f "$log"
  rates+=("$(field rps "$result")") p50s+=("$(field p50_ms "$result")") p99s+=("$(field p99_ms "$result")")
  cpus+=("$(field server_cpu_ms_per_item "$result")")
  echo "run $round: ${rates[-1]} req/s, p50 ${p50s[-1]} ms, p99 ${p99s[-1]} ms, server CPU ${cpus[-1]} ms per request"
done
echo "median of $rounds runs: $(median "${rates[@]}") req/s, p50 $(median "${p50s[@]}") ms, p99 $(median "${p99s[@]}") ms," \
  "server CPU $(median "${cpus[@]}") ms per request"
