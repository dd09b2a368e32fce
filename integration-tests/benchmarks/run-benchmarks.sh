#!/usr/bin/env bash
# Runs the Attestor benchmarks and prints every figure (see docs/benchmarks.md):
#   1. the JMH suite of the sdk (target/benchmarks.jar), with 1 and 2 threads;
#   2. the HTTP load driver against distribution/target/attestor.jar, started on a free loopback port with a
#      temporary data directory: submit mode, then verify mode; the server is stopped with SIGTERM afterwards.
#
# usage: integration-tests/benchmarks/run-benchmarks.sh [--jmh-only | --load-only]
# environment: JMH_ARGS (default "-f 1 -wi 2 -w 2s -i 3 -r 3s"), JMH_FILTER (regex of benchmarks, default all),
#              CLIENTS (64), DURATION (30s), KEYS (1), OUT (results directory, default target/bench-results/<time>),
#              ATTESTOR_JAR (default distribution/target/attestor.jar)
# Build first: mvn -B -pl integration-tests/benchmarks verify (and the distribution for the load part).
# Exit status: non-zero when a JMH run fails, the server does not start, or any load request failed.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$root/bin/java17.sh"

mode="${1:-all}"
case "$mode" in all|--jmh-only|--load-only) ;; *) echo "usage: $0 [--jmh-only | --load-only]" >&2; exit 2 ;; esac

bench_jar="$here/target/benchmarks.jar"
server_jar="${ATTESTOR_JAR:-$root/distribution/target/attestor.jar}"
jmh_args="${JMH_ARGS:--f 1 -wi 2 -w 2s -i 3 -r 3s}"
jmh_filter="${JMH_FILTER:-}"
clients="${CLIENTS:-64}"
duration="${DURATION:-30s}"
keys="${KEYS:-1}"
out="${OUT:-$here/target/bench-results/$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"

[ -f "$bench_jar" ] || { echo "missing $bench_jar: run mvn -B -pl integration-tests/benchmarks verify" >&2; exit 2; }

echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(uname -sr)"
echo "== results in $out"

run_jmh() {
  for threads in 1 2; do
    echo "== JMH, $threads thread(s): java -jar benchmarks.jar $jmh_args -t $threads $jmh_filter"
    # shellcheck disable=SC2086 # JMH_ARGS is a list of options on purpose
    java -jar "$bench_jar" $jmh_args -t "$threads" -rf json -rff "$out/jmh-t$threads.json" $jmh_filter \
      | tee "$out/jmh-t$threads.txt"
  done
}

server_pid=""
data_dir=""
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    for _ in $(seq 1 60); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$server_pid" 2>/dev/null; then
      echo "!! server did not stop within 30 s of SIGTERM; killing it" >&2
      kill -KILL "$server_pid" || true
    fi
    wait "$server_pid" 2>/dev/null && echo "== server exited with status 0" || echo "== server exited with status $?"
  fi
  server_pid=""
  if [ -n "$data_dir" ] && [ -d "$data_dir" ]; then
    echo "== data directory size: $(du -sh "$data_dir" 2>/dev/null | cut -f1)" \
      "($(cd "$data_dir" && du -sh -- * 2>/dev/null | tr '\t\n' ': ' || true))"
    rm -rf "$data_dir"
  fi
}
trap stop_server EXIT

start_server() {
  [ -f "$server_jar" ] || { echo "missing $server_jar: build the distribution first" >&2; exit 2; }
  port="$(java -cp "$bench_jar" org.stellaops.attestor.bench.FreePort)"
  data_dir="$(mktemp -d -t attestor-bench-XXXXXX)"
  log="$out/server.log"
  echo "== starting $server_jar on port $port, data $data_dir"
  java -Dattestor.http.port="$port" -Dattestor.data.dir="$data_dir" -jar "$server_jar" >"$log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 240); do
    if grep -q "Attestor ready on" "$log"; then
      echo "== $(grep -m1 'Attestor ready on' "$log")"
      return 0
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "!! server exited before it was ready; its output:" >&2; cat "$log" >&2; exit 1
    fi
    sleep 0.5
  done
  echo "!! server not ready within 120 s; GET /health: $(java -cp "$bench_jar" org.stellaops.attestor.bench.Health \
    "http://127.0.0.1:$port" 2>&1 || true)" >&2
  echo "!! its output:" >&2; cat "$log" >&2; exit 1
}

run_load() {
  start_server
  local status=0
  for load_mode in submit verify; do
    echo "== load: --mode $load_mode --clients $clients --duration $duration --keys $keys"
    java -cp "$bench_jar" org.stellaops.attestor.bench.LoadDriver --url "http://127.0.0.1:$port" \
      --clients "$clients" --duration "$duration" --mode "$load_mode" --keys "$keys" \
      | tee "$out/load-$load_mode.txt" || status=1
  done
  echo "== server health after the load: $(java -cp "$bench_jar" org.stellaops.attestor.bench.Health "http://127.0.0.1:$port" || true)"
  stop_server
  echo "== server warnings and errors (from $log):"
  if grep -qE "WARN|ERROR|Exception" "$log"; then grep -E "WARN|ERROR|Exception" "$log" | head -40; else echo "   none"; fi
  return $status
}

status=0
[ "$mode" = "--load-only" ] || run_jmh || status=1
[ "$mode" = "--jmh-only" ] || run_load || status=1
echo "== summary"
grep -h "^RESULT" "$out"/load-*.txt 2>/dev/null || true
exit $status
