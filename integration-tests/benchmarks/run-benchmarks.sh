#!/usr/bin/env bash
# Runs the Attestor benchmarks and prints every figure (see docs/benchmarks.md):
#   1. the JMH suite of the sdk (target/benchmarks.jar), with 1 and 2 threads;
#   2. the HTTP load driver against distribution/target/attestor.jar, started on a free loopback port with a
#      temporary data directory: the load modes in MODES (submit, batch, verify), then GET /api/v1/stats. The
#      server speaks HTTPS by default; the driver, ApiGet and Health get --data-dir, so they trust exactly the
#      server's local CA (<data>/tls/ca.pem) and send a development token minted with <data>/auth/dev-issuer.jwk
#      (all four attestor scopes). The per-principal rate limit is turned off before the first start
#      ({"rateLimitPerSecond":0} in conf/org.stellaops.attestor.http.json) so the figures measure the service,
#      not the limiter (every driver request comes from the same principal). The driver gets the server's pid
#      and getconf CLK_TCK, so every phase also reports the server's and its own CPU time (cores used, server CPU
#      ms per item). With
#      VERIFY_COLD=1 the server is restarted on the same data directory with the verification cache off
#      (verificationCacheEntries=0 in conf/org.stellaops.attestor.core.json) and verify runs again. The server is
#      stopped with SIGTERM afterwards. With STORE=mongo a MongoDB wire-protocol test server (MongoTestServer from
#      the benchmarks jar) is started first and the store and the archive are configured to use it.
#
# usage: integration-tests/benchmarks/run-benchmarks.sh [--jmh-only | --load-only]
# environment: JMH_ARGS (default "-f 1 -wi 2 -w 2s -i 3 -r 3s"), JMH_FILTER (regex of benchmarks, default all),
#              CLIENTS (64), DURATION (30s), KEYS (1), OUT (results directory, default target/bench-results/<time>),
#              ATTESTOR_JAR (default distribution/target/attestor.jar),
#              MODES (load modes in order, default "submit batch verify"; also "mixed"),
#              BATCH_SIZE (envelopes per batch request, 100), BATCH_CLIENTS (clients of the batch mode, 8),
#              RATE (requests/s of an open-loop run, e.g. 500 for issue 3's latency target; 0 = closed loop, default),
#              WARMUP (the driver's unmeasured warm-up before each measured phase, default 5s; 30s warms both JITs),
#              DRIVER_CLIENT (how the driver sends load requests, passed as --client: blocking = one keep-alive
#              HTTP/1.1 connection per client, the default and the least driver CPU on the shared cores; jdk = the
#              JDK HttpClient, as in every figure measured before this variable existed),
#              VERIFY_COLD (1 = verify again on a restart with the verification cache off; default 0),
#              SERVER_JAVA_OPTS (extra JVM options of the server, e.g. -XX:StartFlightRecording=filename=/tmp/s.jfr),
#              STORE (embedded | mongo, default embedded), MONGO_BACKEND (memory | h2, default memory; STORE=mongo),
#              STORE_CACHE_MB (the embedded store's page cache in MiB; default: the service's own, 16),
#              LOG_BATCH_MAX_AGE_MS (the embedded log's batchMaxAgeMillis; default: the service's own, 0 = adaptive),
#              KEEP_DATA (1 = keep each data directory and print its path, for inspecting the files afterwards)
# Build first: mvn -B -pl integration-tests/benchmarks verify (and the distribution for the load part).
# Exit status: non-zero when a JMH run fails, a server does not start, any load request failed, or STORE=mongo and
# the Attestor never used the MongoDB database.
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
load_modes="${MODES:-submit batch verify}"
batch_size="${BATCH_SIZE:-100}"
batch_clients="${BATCH_CLIENTS:-8}"
rate="${RATE:-0}"
warmup="${WARMUP:-5s}"
driver_client="${DRIVER_CLIENT:-blocking}"
verify_cold="${VERIFY_COLD:-0}"
store="${STORE:-embedded}"
mongo_backend="${MONGO_BACKEND:-memory}"
mongo_database="attestor"
out="${OUT:-$here/target/bench-results/$(date -u +%Y%m%dT%H%M%SZ)}"
# Clock ticks per second of /proc/<pid>/stat: the driver turns the server's CPU ticks into seconds with it.
clock_ticks="$(getconf CLK_TCK)"

case "$store" in embedded|mongo) ;; *) echo "STORE must be embedded or mongo, not $store" >&2; exit 2 ;; esac
case "$mongo_backend" in memory|h2) ;; *) echo "MONGO_BACKEND must be memory or h2, not $mongo_backend" >&2; exit 2 ;; esac
case "$verify_cold" in 0|1) ;; *) echo "VERIFY_COLD must be 0 or 1, not $verify_cold" >&2; exit 2 ;; esac
case "$driver_client" in blocking|jdk) ;; *) echo "DRIVER_CLIENT must be blocking or jdk, not $driver_client" >&2; exit 2 ;; esac
case "$rate" in *[!0-9.]*|"") echo "RATE must be a number of requests per second, not $rate" >&2; exit 2 ;; esac
for m in $load_modes; do
  case "$m" in submit|batch|verify|mixed) ;; *) echo "MODES: unknown load mode $m" >&2; exit 2 ;; esac
done
mkdir -p "$out"

[ -f "$bench_jar" ] || { echo "missing $bench_jar: run mvn -B -pl integration-tests/benchmarks verify" >&2; exit 2; }

echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(uname -sr)"
echo "== results in $out"
echo "== load part: HTTPS unless the server says http://, development token from the data directory, per-principal" \
  "rate limit off (rateLimitPerSecond=0) so the limiter is not what is measured"

run_jmh() {
  for threads in 1 2; do
    echo "== JMH, $threads thread(s): java -jar benchmarks.jar $jmh_args -t $threads $jmh_filter"
    # shellcheck disable=SC2086 # JMH_ARGS is a list of options on purpose
    java -jar "$bench_jar" $jmh_args -t "$threads" -rf json -rff "$out/jmh-t$threads.json" $jmh_filter \
      | tee "$out/jmh-t$threads.txt"
  done
}

# Stops a process we started: SIGTERM, then SIGKILL if it is still alive 30 s later. $1 pid, $2 name.
stop_process() {
  local pid="$1" name="$2"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "!! $name did not stop within 30 s of SIGTERM; killing it" >&2
      kill -KILL "$pid" || true
    fi
    wait "$pid" 2>/dev/null && echo "== $name exited with status 0" || echo "== $name exited with status $?"
  fi
}

server_pid=""
server_log=""
port=""
server_url=""
data_dir=""
mongo_pid=""
mongo_dir=""
mongo_uri=""

stop_server() {
  stop_process "$server_pid" server
  server_pid=""
}

remove_data_dir() {
  if [ -n "$data_dir" ] && [ -d "$data_dir" ]; then
    echo "== data directory size: $(du -sh "$data_dir" 2>/dev/null | cut -f1)" \
      "($(cd "$data_dir" && du -sh -- * 2>/dev/null | tr '\t\n' ': ' || true))"
    if [ -n "${KEEP_DATA:-}" ]; then
      echo "== kept the data directory $data_dir (KEEP_DATA)"
    else
      rm -rf "$data_dir"
    fi
  fi
  data_dir=""
}

# Stops MongoTestServer and checks from its closing line that the Attestor really used the database.
stop_mongo() {
  [ -n "$mongo_pid" ] || return 0
  stop_process "$mongo_pid" "MongoDB test server"
  mongo_pid=""
  local usage
  usage="$(grep -m1 '^MongoDB test server stopped:' "$out/mongo.log" || true)"
  echo "== ${usage:-MongoDB test server printed no usage line}"
  if [ -n "$mongo_dir" ] && [ -d "$mongo_dir" ]; then
    echo "== MongoDB H2 file size: $(du -sh "$mongo_dir" 2>/dev/null | cut -f1)"
    rm -rf "$mongo_dir"
  fi
  mongo_dir=""
  case "$usage" in
    *"databases used:"*"$mongo_database"*) return 0 ;;
    *) echo "!! STORE=mongo, but the Attestor never used the MongoDB database $mongo_database: its figures are not" \
         "the Mongo store's (is store-mongo in $server_jar?)" >&2; return 1 ;;
  esac
}

cleanup() {
  stop_server
  remove_data_dir
  stop_mongo || true
}
trap cleanup EXIT

start_mongo() {
  local args=()
  if [ "$mongo_backend" = h2 ]; then
    mongo_dir="$(mktemp -d -t attestor-bench-mongo-XXXXXX)"
    args=(--h2 "$mongo_dir/mongo.mv")
  fi
  echo "== starting MongoTestServer ($mongo_backend backend)"
  java -cp "$bench_jar" org.stellaops.attestor.bench.MongoTestServer "${args[@]}" >"$out/mongo.log" 2>&1 &
  mongo_pid=$!
  for _ in $(seq 1 120); do
    mongo_uri="$(sed -n 's/^MongoDB wire protocol on //p' "$out/mongo.log" | head -1)"
    if [ -n "$mongo_uri" ]; then
      echo "== MongoDB wire protocol on $mongo_uri"
      return 0
    fi
    if ! kill -0 "$mongo_pid" 2>/dev/null; then
      echo "!! MongoTestServer exited before it listened; its output:" >&2; cat "$out/mongo.log" >&2; exit 1
    fi
    sleep 0.5
  done
  echo "!! MongoTestServer not listening within 60 s; its output:" >&2; cat "$out/mongo.log" >&2; exit 1
}

# A fresh data directory. Its conf/ turns the per-principal rate limit off (every request of the driver comes
# from one principal: a limit would cap the figures, not the service); with STORE=mongo it also points the store and
# the archive at MongoTestServer.
new_data_dir() {
  data_dir="$(mktemp -d -t attestor-bench-XXXXXX)"
  mkdir -p "$data_dir/conf"
  echo '{"rateLimitPerSecond":0}' >"$data_dir/conf/org.stellaops.attestor.http.json"
  echo "== wrote $data_dir/conf/org.stellaops.attestor.http.json: {\"rateLimitPerSecond\":0}" \
    "(per-principal rate limit off for measurement)"
  if [ -n "${STORE_CACHE_MB:-}" ]; then
    echo "{\"cacheSizeMb\":$STORE_CACHE_MB}" >"$data_dir/conf/org.stellaops.attestor.store.embedded.json"
    echo "== wrote $data_dir/conf/org.stellaops.attestor.store.embedded.json: {\"cacheSizeMb\":$STORE_CACHE_MB}"
  fi
  if [ -n "${LOG_BATCH_MAX_AGE_MS:-}" ]; then
    echo "{\"batchMaxAgeMillis\":$LOG_BATCH_MAX_AGE_MS}" >"$data_dir/conf/org.stellaops.attestor.tlog.embedded.json"
    echo "== wrote $data_dir/conf/org.stellaops.attestor.tlog.embedded.json:" \
      "{\"batchMaxAgeMillis\":$LOG_BATCH_MAX_AGE_MS}"
  fi
  if [ "$store" = mongo ]; then
    local config="{\"uri\":\"$mongo_uri\",\"database\":\"$mongo_database\"}"
    echo "$config" >"$data_dir/conf/org.stellaops.attestor.store.mongo.json"
    echo "$config" >"$data_dir/conf/org.stellaops.attestor.cas.gridfs.json"
    echo "== wrote $data_dir/conf/org.stellaops.attestor.{store.mongo,cas.gridfs}.json: $config"
  fi
}

# Starts the server on a free port with the current data directory and takes its base URL (https:// by default,
# http:// when the jar runs with -Dattestor.tls.enabled=false) from its ready line. $1: log file name in $out.
start_server() {
  [ -f "$server_jar" ] || { echo "missing $server_jar: build the distribution first" >&2; exit 2; }
  port="$(java -cp "$bench_jar" org.stellaops.attestor.bench.FreePort)"
  server_log="$out/$1"
  server_url=""
  echo "== starting $server_jar on port $port, data $data_dir, store $store"
  java ${SERVER_JAVA_OPTS:-} -Dattestor.http.port="$port" -Dattestor.data.dir="$data_dir" -jar "$server_jar" >"$server_log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 240); do
    server_url="$(sed -n 's|.*Attestor ready on \(https\{0,1\}://[^[:space:]]*\).*|\1|p' "$server_log" | head -1)"
    if [ -n "$server_url" ]; then
      echo "== $(grep -m1 'Attestor ready on' "$server_log")"
      await_dev_issuer_key
      return 0
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "!! server exited before it was ready; its output:" >&2; cat "$server_log" >&2; exit 1
    fi
    sleep 0.5
  done
  local guess="http://127.0.0.1:$port"
  if [ -f "$data_dir/tls/ca.pem" ]; then guess="https://127.0.0.1:$port"; fi
  echo "!! server not ready within 120 s; GET /health: $(java -cp "$bench_jar" org.stellaops.attestor.bench.Health \
    "$guess" --data-dir "$data_dir" 2>&1 || true)" >&2
  echo "!! its output:" >&2; cat "$server_log" >&2; exit 1
}

# The tools mint their tokens with the development issuer key, which the server writes into the data directory
# when its authentication starts; waits for it at most 30 s after the ready line (the tools say what is missing).
await_dev_issuer_key() {
  local key="$data_dir/auth/dev-issuer.jwk"
  for _ in $(seq 1 60); do
    [ -f "$key" ] && return 0
    sleep 0.5
  done
  echo "!! no development issuer key at $key 30 s after the ready line: the load driver cannot mint a token" \
    "(is devIssuer.enabled off in this jar's configuration?)" >&2
}

# Runs one load mode against the running server. $1 mode, $2 result file name (without .txt).
run_mode() {
  local load_mode="$1" name="$2" n="$clients" extra=()
  if [ "$load_mode" = batch ]; then
    n="$batch_clients"
    extra=(--batch-size "$batch_size")
  fi
  if [ "$rate" != 0 ]; then
    extra+=(--rate "$rate")
  fi
  echo "== load: --mode $load_mode --clients $n --duration $duration --keys $keys --warmup $warmup${extra[*]:+ ${extra[*]}}" \
    "--server-pid $server_pid --clock-ticks $clock_ticks --client $driver_client"
  java -cp "$bench_jar" org.stellaops.attestor.bench.LoadDriver --url "$server_url" --data-dir "$data_dir" \
    --clients "$n" --duration "$duration" --mode "$load_mode" --keys "$keys" --warmup "$warmup" "${extra[@]}" \
    --server-pid "$server_pid" --clock-ticks "$clock_ticks" --client "$driver_client" \
    | tee "$out/$name.txt"
}

# Prints GET /api/v1/stats (verification cache counters). $1 file name (without .txt).
print_stats() {
  echo "== GET /api/v1/stats: $(java -cp "$bench_jar" org.stellaops.attestor.bench.ApiGet "$server_url" \
    /api/v1/stats --data-dir "$data_dir" 2>&1 | tee "$out/$1.txt" || true)"
}

print_server_problems() {
  echo "== server warnings and errors (from $server_log):"
  if grep -qE "WARN|ERROR|Exception" "$server_log"; then grep -E "WARN|ERROR|Exception" "$server_log" | head -40
  else echo "   none"; fi
}

# Second start on the same data directory (and the same MongoDB), with the verification cache turned off.
run_verify_cold() {
  mkdir -p "$data_dir/conf"
  echo '{"verificationCacheEntries":0}' >"$data_dir/conf/org.stellaops.attestor.core.json"
  echo "== wrote $data_dir/conf/org.stellaops.attestor.core.json: {\"verificationCacheEntries\":0}"
  start_server server-cold.log
  local status=0
  run_mode verify load-verify-cold || status=1
  print_stats stats-verify-cold
  stop_server
  print_server_problems
  return $status
}

run_load() {
  local status=0
  if [ "$store" = mongo ]; then start_mongo; fi
  new_data_dir
  start_server server.log
  for load_mode in $load_modes; do
    run_mode "$load_mode" "load-$load_mode" || status=1
    if [ "$load_mode" = verify ]; then print_stats stats-verify; fi
  done
  echo "== server health after the load: $(java -cp "$bench_jar" org.stellaops.attestor.bench.Health "$server_url" \
    --data-dir "$data_dir" || true)"
  stop_server
  print_server_problems
  if [ "$verify_cold" = 1 ]; then run_verify_cold || status=1; fi
  remove_data_dir
  stop_mongo || status=1
  return $status
}

status=0
[ "$mode" = "--load-only" ] || run_jmh || status=1
[ "$mode" = "--jmh-only" ] || run_load || status=1
echo "== summary"
for name in $load_modes verify-cold; do
  if [ -f "$out/load-$name.txt" ]; then sed -n "s/^RESULT /load-$name: RESULT /p" "$out/load-$name.txt"; fi
done
exit $status
