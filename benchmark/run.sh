#!/usr/bin/env bash
# Hearth benchmark (./hearth bench): one end-to-end run on this machine, printing a report.
#
#   benchmark/run.sh [--duration 30] [--warmup 20] [--connections 16,64] [--ha-connections 8,16]
#                    [--skip-ha] [--skip-bare] [--skip-nodes] [--profile] [--keep] [--rebuild]
#
#   --duration S        seconds of load per measured phase (default 30)
#   --warmup S          seconds of warm-up load before the measured phases (default 45: the JIT settles)
#   --connections LIST  concurrent connections of the measured phases (default 16,64; the first is the target's)
#   --ha-connections L  concurrency of the Home Assistant scenario (default 8,16)
#   --skip-ha           no Home Assistant scenario
#   --skip-bare         no bare WebFlux endpoint (no engine/bare ratio)
#   --skip-nodes        no Code node and HTTP Request scenarios
#   --profile           an extra, unmeasured phase at the first concurrency with a JFR recording and
#                       thread dumps of the server; prints the hottest frames (kept in the temp dir)
#   --keep              keep the temp dir (server/bare/HA logs, data, wrk output, profile)
#   --rebuild           rebuild the server and this module first (./mvnw install -DskipTests)
#   --soak N            instead of the phases above: N executions of the reference workflow at the first
#                       concurrency with the default retention (pruning on), printing database size, RSS and
#                       heap every --soak-every executions (default 100000); then restarts the server with the
#                       retention lowered to --soak-shrink-to executions (default 1000) and prints the size again
#   --queue             instead of the phases above: queue mode on an embedded PostgreSQL (benchmark/queue.sh):
#                       a single instance, then a main with each count of --workers, side by side
#   --workers LIST      worker counts of --queue (default 1,2,4); --worker-concurrency N (default: the server's)
#   --mqtt              instead of the phases above: MQTT messages/s and latency publish -> recorded execution at QoS 0
#                       and 1, beside mosquitto_pub -> mosquitto_sub on the same broker (benchmark/mqtt.sh);
#                       --mqtt-messages N per QoS (default 20000), --mqtt-inflight N (default 1000)
#
# Environment: SERVER_JAVA_OPTS (server JVM options; default below), BARE_JAVA_OPTS (default: the
# server's), WRK_THREADS (default 2), HEARTH_BENCH_TMP (parent of the temp dir, default /tmp).
# HEARTH_BENCH_SERVER_JAR measures another build's server jar (a copy kept from before a change: before/after in
# the same conditions). HEARTH_AOT_CACHE=off starts the server without the JDK 25 AOT cache (see scripts/aot-cache.sh).
# The load generator is wrk (installed with apt-get when missing and running as root), a separate process
# on the same machine: the server and wrk share the CPUs, as do the bare endpoint and wrk.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
cd "$ROOT"
. ./.mvn/select-jdk.sh
JAVA="$JAVA_HOME/bin/java"

DURATION=30
WARMUP=45   # on 2 cores C2 needs ~25 s of CPU in the first ~40 s of load before the rate settles
CONNECTIONS=16,64
HA_CONNECTIONS=8,16
SKIP_HA=0
SKIP_BARE=0
SKIP_NODES=0
PROFILE=0
KEEP=0
REBUILD=0
SOAK=0
SOAK_EVERY=100000
SOAK_SHRINK_TO=1000
QUEUE=0
QUEUE_WORKERS=1,2,4
QUEUE_CONCURRENCY=16
MQTT=0
MQTT_MESSAGES=20000
MQTT_INFLIGHT=1000

usage() { sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
seconds() { local v="${1%s}"; [[ "$v" =~ ^[0-9]+$ ]] || { echo "not a number of seconds: $1" >&2; exit 2; }; echo "$v"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$(seconds "$2"); shift 2 ;;
    --duration=*) DURATION=$(seconds "${1#*=}"); shift ;;
    --warmup) WARMUP=$(seconds "$2"); shift 2 ;;
    --warmup=*) WARMUP=$(seconds "${1#*=}"); shift ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --connections=*) CONNECTIONS="${1#*=}"; shift ;;
    --ha-connections) HA_CONNECTIONS="$2"; shift 2 ;;
    --ha-connections=*) HA_CONNECTIONS="${1#*=}"; shift ;;
    --skip-ha) SKIP_HA=1; shift ;;
    --skip-bare) SKIP_BARE=1; shift ;;
    --skip-nodes) SKIP_NODES=1; shift ;;
    --profile) PROFILE=1; shift ;;
    --keep) KEEP=1; shift ;;
    --rebuild) REBUILD=1; shift ;;
    --soak) SOAK="$2"; shift 2 ;;
    --soak=*) SOAK="${1#*=}"; shift ;;
    --soak-every) SOAK_EVERY="$2"; shift 2 ;;
    --soak-every=*) SOAK_EVERY="${1#*=}"; shift ;;
    --soak-shrink-to) SOAK_SHRINK_TO="$2"; shift 2 ;;
    --soak-shrink-to=*) SOAK_SHRINK_TO="${1#*=}"; shift ;;
    --queue) QUEUE=1; shift ;;
    --workers) QUEUE_WORKERS="$2"; shift 2 ;;
    --workers=*) QUEUE_WORKERS="${1#*=}"; shift ;;
    --worker-concurrency) QUEUE_CONCURRENCY="$2"; shift 2 ;;
    --worker-concurrency=*) QUEUE_CONCURRENCY="${1#*=}"; shift ;;
    --mqtt) MQTT=1; shift ;;
    --mqtt-messages) MQTT_MESSAGES="$2"; shift 2 ;;
    --mqtt-messages=*) MQTT_MESSAGES="${1#*=}"; shift ;;
    --mqtt-inflight) MQTT_INFLIGHT="$2"; shift 2 ;;
    --mqtt-inflight=*) MQTT_INFLIGHT="${1#*=}"; shift ;;
    -h|--help) usage ;;
    *) echo "unknown option: $1" >&2; usage ;;
  esac
done
IFS=, read -r -a CONNS <<< "$CONNECTIONS"
IFS=, read -r -a HA_CONNS <<< "$HA_CONNECTIONS"
for c in "${CONNS[@]}" "${HA_CONNS[@]}"; do [[ "$c" =~ ^[1-9][0-9]*$ ]] || { echo "bad connection count: $c" >&2; exit 2; }; done
for v in "$MQTT_MESSAGES" "$MQTT_INFLIGHT"; do [[ "$v" =~ ^[1-9][0-9]*$ ]] || { echo "bad --mqtt-messages / --mqtt-inflight: $v" >&2; exit 2; }; done
TARGET_CONNS="${CONNS[0]}"

# The server's JVM options are those of ./hearth start and the Docker image: jvm.options at the repository root
# (plus $JAVA_OPTS, as ./hearth start adds them). SERVER_JAVA_OPTS replaces them for experiments.
mapfile -t _launcher_opts < <(scripts/jvm-options.sh)
DEFAULT_SERVER_JAVA_OPTS="${_launcher_opts[*]}"
SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:-$DEFAULT_SERVER_JAVA_OPTS}"
BARE_JAVA_OPTS="${BARE_JAVA_OPTS:-$SERVER_JAVA_OPTS}"
WRK_THREADS="${WRK_THREADS:-2}"

SERVER_JAR="${HEARTH_BENCH_SERVER_JAR:-engine/server/target/hearth-server.jar}"
BARE_JAR=benchmark/target/hearth-benchmark-bare.jar
JMH_JAR=benchmark/target/hearth-jmh.jar
OWNER_EMAIL=bench@hearth.local
OWNER_PASSWORD=bench-password-1

say() { echo "$@"; }
warn() { echo "WARNING: $*" >&2; }
die() { echo "ERROR: $*" >&2; exit 1; }
now_ms() { date +%s%3N; }
# float arithmetic / comparison through awk
calc() { awk "BEGIN { printf \"%s\", $1 }"; }
fmt() { awk -v v="$2" "BEGIN { printf \"$1\", v }"; }
holds() { awk "BEGIN { exit !($1) }"; }

# ------------------------------------------------------------------------------------------ build
if [ "$REBUILD" = 1 ] || [ ! -f "$SERVER_JAR" ]; then
  say "Building the server (./mvnw install -DskipTests)..."
  ./mvnw -q -B install -DskipTests -pl engine/server -am
fi
newer_source=$(find engine credentials nodes-homeassistant nodes-code nodes-http nodes-email nodes-mqtt ui-schema \( -path '*/target' -o -path '*/node_modules' \) -prune -o \
  -type f \( -name '*.java' -o -name 'pom.xml' -o -name '*.yml' -o -name '*.sql' \) -path '*src/main*' -newer "$SERVER_JAR" -print -quit 2>/dev/null || true)
[ -n "$newer_source" ] && warn "$SERVER_JAR is older than $newer_source: the benchmark measures the jar (--rebuild rebuilds it)"
if [ "$REBUILD" = 1 ] || [ ! -f "$BARE_JAR" ] || [ ! -f "$JMH_JAR" ] || [ ! -f benchmark/target/pg-classpath.txt ] \
    || [ -n "$(find benchmark/src benchmark/pom.xml -newer "$BARE_JAR" -print -quit)" ]; then
  say "Building the benchmark module..."
  ./mvnw -q -B -pl benchmark package -DskipTests
fi

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    say "Installing wrk (apt-get)..."
    (apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y wrk >/dev/null 2>&1; }) \
      || die "wrk is needed and could not be installed"
  else
    die "wrk is needed: sudo apt-get install -y wrk"
  fi
fi
command -v jq >/dev/null 2>&1 || die "jq is needed (apt-get install -y jq)"

# ------------------------------------------------------------------------------------------ state, clean-up
TMP=$(mktemp -d "${HEARTH_BENCH_TMP:-/tmp}/hearth-bench.XXXXXX")
SERVER_PID=""; BARE_PID=""; TARGET_PID=""; RSS_PID=""; HA_STARTED=0; QUEUE_PIDS=""
cleanup() {
  set +e
  [ -n "$RSS_PID" ] && kill "$RSS_PID" 2>/dev/null && wait "$RSS_PID" 2>/dev/null
  for pid in $SERVER_PID $BARE_PID $TARGET_PID $QUEUE_PIDS; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null
    fi
  done
  [ "$HA_STARTED" = 1 ] && scripts/ha/ha-test-env.sh stop "$TMP/ha" >/dev/null 2>&1
  if [ "$KEEP" = 1 ]; then echo "kept: $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Run private copies of the jars: another build replacing engine/server/target/hearth-server.jar under a
# running server breaks its lazy class loading (NoClassDefFoundError, requests that never answer).
private_copy() { # private_copy JAR NAME: copies JAR into $TMP once its zip directory reads whole; prints the copy
  local src="$1" dst="$TMP/$2"
  for _ in $(seq 1 24); do
    cp "$src" "$dst" 2>/dev/null && unzip -qql "$dst" >/dev/null 2>&1 && { echo "$dst"; return 0; }
    sleep 5   # being rebuilt right now
  done
  die "cannot copy a readable $src"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# wait_ready URL PID TIMEOUT_S: 0 when URL answers 200 before PID dies / the deadline
wait_ready() {
  local url="$1" pid="$2" deadline=$(( $(now_ms) + $3 * 1000 ))
  while [ "$(now_ms)" -lt "$deadline" ]; do
    kill -0 "$pid" 2>/dev/null || return 1
    [ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' "$url" 2>/dev/null)" = 200 ] && return 0
    sleep 0.02
  done
  return 1
}

rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
# sample VmRSS of PID every 0.25 s; the max goes to FILE
rss_start() {
  local pid="$1" file="$2"
  echo 0 > "$file"
  ( max=0; while kill -0 "$pid" 2>/dev/null; do
      v=$(rss_kb "$pid"); v=${v:-0}
      if [ "$v" -gt "$max" ]; then max=$v; echo "$max" > "$file"; fi
      sleep 0.25
    done ) &
  RSS_PID=$!
}
rss_stop() { [ -n "$RSS_PID" ] && { kill "$RSS_PID" 2>/dev/null; wait "$RSS_PID" 2>/dev/null || true; }; RSS_PID=""; }

# run_wrk NAME CONNS SECONDS URL SCRIPT [wrk args...]: runs wrk and sets NAME_{requests,ok,rate,...}
TOTAL_OK=0; INFLIGHT_MAX=0
run_wrk() {
  local name="$1" conns="$2" secs="$3" url="$4" script="$5"; shift 5
  local threads=$WRK_THREADS; [ "$conns" -lt "$threads" ] && threads=$conns
  wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 10s -s "$BENCH_DIR/wrk/$script" "$@" "$url" > "$TMP/wrk-$name.txt" 2>&1 \
    || { cat "$TMP/wrk-$name.txt" >&2; die "wrk failed ($name)"; }
  local line; line=$(grep '^WRK_RESULT' "$TMP/wrk-$name.txt") || { cat "$TMP/wrk-$name.txt" >&2; die "no wrk result ($name)"; }
  local kv k v
  for kv in ${line#WRK_RESULT }; do k=${kv%%=*}; v=${kv#*=}; printf -v "${name}_${k}" '%s' "$v"; done
  local req="${name}_requests" st="${name}_status_errors" dur="${name}_duration_us"
  local ce="${name}_connect_errors" re="${name}_read_errors" we="${name}_write_errors" to="${name}_timeouts"
  printf -v "${name}_ok" '%s' $(( ${!req} - ${!st} ))
  printf -v "${name}_socket_errors" '%s' $(( ${!ce} + ${!re} + ${!we} ))
  printf -v "${name}_errors" '%s' $(( ${!st} + ${!ce} + ${!re} + ${!we} + ${!to} ))
  local ok="${name}_ok"
  printf -v "${name}_rate" '%s' "$(calc "${!ok} / (${!dur} / 1000000)")"
}
ms() { calc "$1 / 1000"; }   # microseconds -> milliseconds
# one table row: NAME LABEL
row() {
  local n="$1" label="$2"
  local rate="${n}_rate" mean="${n}_mean_us" p50="${n}_p50_us" p99="${n}_p99_us" p999="${n}_p999_us" max="${n}_max_us"
  local st="${n}_status_errors" se="${n}_socket_errors" to="${n}_timeouts" rq="${n}_requests"
  printf '  %-16s %10.1f %8.2f %8.2f %8.2f %8.2f %8.1f %9s %11s\n' "$label" "${!rate}" "$(ms "${!mean}")" "$(ms "${!p50}")" \
    "$(ms "${!p99}")" "$(ms "${!p999}")" "$(ms "${!max}")" "${!rq}" "${!st}/${!se}/${!to}"
}
header() { printf '  %-16s %10s %8s %8s %8s %8s %8s %9s %11s\n' "$1" "$2" "mean ms" "p50 ms" "p99 ms" "p99.9 ms" "max ms" "requests" "err 4xx5xx/sock/tmo"; }

api() { # api METHOD PATH [JSON]
  local m="$1" p="$2"; shift 2
  curl -s -S -f -m 120 -X "$m" -H "X-Hearth-Api-Key: $API_KEY" -H 'Content-Type: application/json' ${1:+--data "$1"} \
    "http://127.0.0.1:$PORT$p"
}
executions_total() { # executions_total WORKFLOW_ID [STATUS]
  api GET "/api/v1/executions?workflowId=$1${2:+&status=$2}&limit=1" | jq -r .total
}

# ------------------------------------------------------------------------------------------ machine
say "=================================================================================================="
say " Hearth benchmark  $(date -u +%Y-%m-%dT%H:%M:%SZ)"
say "=================================================================================================="
say "machine       : $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(awk '/MemTotal/ { printf "%.1f GiB", $2/1048576 }' /proc/meminfo) RAM"
say "load average  : $(cut -d' ' -f1-3 /proc/loadavg) (before start; other work on the machine skews results)"
say "java          : $("$JAVA" -version 2>&1 | head -1) ($JAVA_HOME)"
say "server JVM    : $SERVER_JAVA_OPTS$([ "$SERVER_JAVA_OPTS" = "$DEFAULT_SERVER_JAVA_OPTS" ] && echo '  (jvm.options, as ./hearth start; SERVER_JAVA_OPTS overrides)' || echo '  (SERVER_JAVA_OPTS, not the launcher'"'"'s jvm.options)')"
say "load generator: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), $WRK_THREADS threads, separate process on the same CPUs"
say "phases        : warm-up ${WARMUP}s, then ${DURATION}s at each of ${CONNECTIONS} connections"

# ------------------------------------------------------------------------------------------ server
SERVER_JAR=$(private_copy "$SERVER_JAR" hearth-server.jar)
{ [ "$SKIP_BARE" = 0 ] || [ "$SKIP_NODES" = 0 ]; } && BARE_JAR=$(private_copy "$BARE_JAR" hearth-bare.jar)
PORT=$(free_port)
mkdir -p "$TMP/data"
# The launch ./hearth start uses: on JDK 25+ an AOT cache made once per build (scripts/aot-cache.sh; not timed).
# shellcheck disable=SC2086
mapfile -t LAUNCH < <(scripts/aot-cache.sh "$SERVER_JAR" $SERVER_JAVA_OPTS)
LAUNCH_DESC=$( [ "${LAUNCH[0]}" = -jar ] && echo "plain -jar" || echo "with the AOT cache of this build" )
if [ "$QUEUE" = 1 ]; then
  # shellcheck source=benchmark/queue.sh
  . "$BENCH_DIR/queue.sh"
  exit 0
fi
# The measured phases count every record, so nothing may be pruned; the soak runs with the default retention.
PRUNE_ARG=--hearth.executions.prune.enabled=false
[ "$SOAK" -gt 0 ] && PRUNE_ARG=
# start_server [ARGS...]: the server on $TMP/data, as ./hearth start launches it; sets SERVER_PID and STARTUP_MS
start_server() {
  local t0; t0=$(now_ms)
  # shellcheck disable=SC2086
  HEARTH_DATA_DIR="$TMP/data" HEARTH_OWNER_EMAIL="$OWNER_EMAIL" HEARTH_OWNER_PASSWORD="$OWNER_PASSWORD" \
    "$JAVA" $SERVER_JAVA_OPTS --enable-native-access=ALL-UNNAMED "${LAUNCH[@]}" \
    --server.port="$PORT" "$@" >> "$TMP/server.log" 2>&1 &
  SERVER_PID=$!
  say "server command: $JAVA $SERVER_JAVA_OPTS --enable-native-access=ALL-UNNAMED ${LAUNCH[*]} --server.port=$PORT $*"
  wait_ready "http://127.0.0.1:$PORT/actuator/health/readiness" "$SERVER_PID" 180 \
    || { tail -40 "$TMP/server.log" >&2; die "the server did not become ready"; }
  STARTUP_MS=$(( $(now_ms) - t0 ))
}
# shellcheck disable=SC2086
start_server $PRUNE_ARG
SPRING_STARTED=$(grep -o 'Started [A-Za-z]* in [0-9.]* seconds' "$TMP/server.log" | head -1 || true)
RSS_IDLE_KB=$(rss_kb "$SERVER_PID")

curl -s -S -f -m 30 -c "$TMP/cookies" -H 'Content-Type: application/json' \
  --data "{\"email\":\"$OWNER_EMAIL\",\"password\":\"$OWNER_PASSWORD\"}" "http://127.0.0.1:$PORT/api/v1/auth/login" >/dev/null \
  || die "login failed"
API_KEY=$(curl -s -S -f -m 30 -b "$TMP/cookies" -H 'Content-Type: application/json' --data '{"label":"benchmark"}' \
  "http://127.0.0.1:$PORT/api/v1/api-keys" | jq -r .key)
[ -n "$API_KEY" ] && [ "$API_KEY" != null ] || die "could not create an API key"

if [ "$MQTT" = 1 ]; then
  # shellcheck source=benchmark/mqtt.sh
  . "$BENCH_DIR/mqtt.sh"
  exit 0
fi

REF_ID=$(api POST /api/v1/workflows "$(cat "$BENCH_DIR/workflows/reference.json")" | jq -r .id)
api POST "/api/v1/workflows/$REF_ID/activate" >/dev/null || die "could not activate the reference workflow"
REF_URL="http://127.0.0.1:$PORT/webhook/bench-reference"
REF_ANSWER=$(curl -s -S -m 30 -H 'Content-Type: application/json' --data '{"n":21,"name":"Ada"}' "$REF_URL")
[ "$(echo "$REF_ANSWER" | jq -c '{doubled, greeting}' 2>/dev/null)" = '{"doubled":42,"greeting":"Hello Ada"}' ] \
  || die "unexpected answer from the reference workflow: $REF_ANSWER"
TOTAL_OK=1; INFLIGHT_MAX=0

# ------------------------------------------------------------------------------------------ soak
metric() { # metric NAME: the value of a meter (summed over its tags)
  api GET "/actuator/metrics/$1" | jq -r '.measurements[0].value // 0'
}
if [ "$SOAK" -gt 0 ]; then
  say ""
  say "-- Soak: $SOAK executions of the reference workflow at $TARGET_CONNS connections, default retention (pruning on)"
  say "   start-up to ready: $(fmt '%.2f' "$(calc "$STARTUP_MS / 1000")") s; RSS when ready $(( RSS_IDLE_KB / 1024 )) MB"
  say "   database: the files hearth.* in the data directory (of which the write-ahead log, hearth.db-wal); RSS of the"
  say "   server process; heap in use; executions kept (the API's total)"
  printf '   %12s %9s %8s %8s %9s %9s %12s %9s %9s\n' executions "db MB" "wal MB" "RSS MB" "heap MB" kept pruned "exec/s" "elapsed s"
  soak_t0=$(now_ms); next=$SOAK_EVERY; done_n=0
  soak_line() {
    local db wal heap pruned kept secs
    db=$(du -cb "$TMP/data"/hearth.* 2>/dev/null | tail -1 | cut -f1)
    wal=$(stat -c %s "$TMP/data/hearth.db-wal" 2>/dev/null || echo 0)
    heap=$(metric 'jvm.memory.used?tag=area:heap')
    pruned=$(metric hearth.executions.pruned)
    kept=$(api GET "/api/v1/executions?limit=1" | jq -r .total)
    secs=$(calc "($(now_ms) - $soak_t0) / 1000")
    printf '   %12d %9.1f %8.1f %8d %9.1f %9d %12.0f %9.0f %9.0f\n' "$done_n" "$(calc "$db / 1048576")" \
      "$(calc "$wal / 1048576")" $(( $(rss_kb "$SERVER_PID") / 1024 )) "$(calc "$heap / 1048576")" "$kept" "$pruned" \
      "$(calc "$done_n / $secs")" "$secs"
  }
  while [ "$done_n" -lt "$SOAK" ]; do
    run_wrk soak "$TARGET_CONNS" 10 "$REF_URL" post.lua
    done_n=$(metric hearth.executions | awk '{ printf "%d", $1 }')
    if [ "$done_n" -ge "$next" ]; then
      soak_line
      while [ "$next" -le "$done_n" ]; do next=$(( next + SOAK_EVERY )); done
    elif [ "$done_n" -ge "$SOAK" ]; then
      soak_line
    fi
  done
  say "   errors in the last wrk phase: $soak_errors"
  # A retention change: the server restarted with a lower max-count prunes down to it and gives the space back.
  kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
  say "   retention lowered to $SOAK_SHRINK_TO executions (restart with --hearth.executions.prune.max-count=$SOAK_SHRINK_TO):"
  start_server "--hearth.executions.prune.max-count=$SOAK_SHRINK_TO"
  shrink_t0=$(now_ms)
  while [ "$(api GET "/api/v1/executions?limit=1" | jq -r .total)" -gt "$SOAK_SHRINK_TO" ]; do sleep 1; done
  sleep 10   # the next pruning passes (every 2 s) give back the pages the last one freed
  say "   pruned down to $SOAK_SHRINK_TO in $(( ($(now_ms) - shrink_t0) / 1000 )) s (+10 s for the next passes):"
  soak_line
  say "   server log: $TMP/server.log (--keep keeps it)"
  exit 0
fi

say ""
say "-- Reference workload: Webhook (POST, respond via node) -> Edit Fields (2 expressions) -> Respond to Webhook"
say "   every execution recorded (save-all), embedded SQLite in a fresh data dir; pruning off so every record stays countable"
say "   answer: $REF_ANSWER"
say "   start-up to ready: $(fmt '%.2f' "$(calc "$STARTUP_MS / 1000")") s (process launch -> readiness UP, $LAUNCH_DESC)${SPRING_STARTED:+; Spring: $SPRING_STARTED}; RSS when ready $(( RSS_IDLE_KB / 1024 )) MB"

run_wrk ref_warm "$TARGET_CONNS" "$WARMUP" "$REF_URL" post.lua
TOTAL_OK=$(( TOTAL_OK + ref_warm_ok )); INFLIGHT_MAX=$(( INFLIGHT_MAX + TARGET_CONNS ))
say "   warm-up: ${WARMUP}s at $TARGET_CONNS connections: $ref_warm_requests requests, $(fmt '%.0f' "$ref_warm_rate")/s, $ref_warm_errors errors"
say ""
header connections "exec/s"
REF_ERRORS=0; REF_RSS_MAX_KB=0
for c in "${CONNS[@]}"; do
  sleep 1
  rss_start "$SERVER_PID" "$TMP/rss-ref-$c"
  run_wrk "ref_$c" "$c" "$DURATION" "$REF_URL" post.lua
  rss_stop
  rss=$(cat "$TMP/rss-ref-$c"); [ "$rss" -gt "$REF_RSS_MAX_KB" ] && REF_RSS_MAX_KB=$rss
  printf -v "ref_${c}_rss_kb" '%s' "$rss"
  ok="ref_${c}_ok"; er="ref_${c}_errors"
  TOTAL_OK=$(( TOTAL_OK + ${!ok} )); INFLIGHT_MAX=$(( INFLIGHT_MAX + c )); REF_ERRORS=$(( REF_ERRORS + ${!er} ))
  row "ref_$c" "$c"
done
for c in "${CONNS[@]}"; do r="ref_${c}_rss_kb"; say "   server RSS (max, sampled every 0.25 s) at $c connections: $(( ${!r} / 1024 )) MB"; done

if [ "$PROFILE" = 1 ]; then
  say ""
  say "-- Profile phase (not measured): ${DURATION}s at $TARGET_CONNS connections, JFR (settings=profile, CPU sample every 2 ms) + thread dumps"
  JCMD="$JAVA_HOME/bin/jcmd"
  "$JCMD" "$SERVER_PID" JFR.start name=bench settings=profile jdk.ExecutionSample#period=2ms filename="$TMP/profile.jfr" >/dev/null
  ( sleep 3; for i in 1 2 3 4 5; do "$JCMD" "$SERVER_PID" Thread.print > "$TMP/threads-$i.txt" 2>&1; sleep 2; done ) &
  dumps=$!
  run_wrk ref_prof "$TARGET_CONNS" "$DURATION" "$REF_URL" post.lua
  wait "$dumps" || true
  "$JCMD" "$SERVER_PID" JFR.stop name=bench >/dev/null
  TOTAL_OK=$(( TOTAL_OK + ref_prof_ok )); INFLIGHT_MAX=$(( INFLIGHT_MAX + TARGET_CONNS ))
  say "   $(fmt '%.0f' "$ref_prof_rate") exec/s with profiling on; recording $TMP/profile.jfr (use --keep to keep it)"
  python3 "$BENCH_DIR/profile/jfr_top.py" --jfr "$JAVA_HOME/bin/jfr" "$TMP/profile.jfr" "$TMP"/threads-*.txt | sed 's/^/   /'
fi

# Records: every 2xx answer must have its execution record. A request still in flight when a wrk phase
# ends was sent (and runs and is recorded) but is never counted as answered: at most the phase's connections.
sleep 2
prev=-1; RECORDS=0
for _ in $(seq 1 30); do
  RECORDS=$(executions_total "$REF_ID")
  [ "$RECORDS" = "$prev" ] && break
  prev=$RECORDS; sleep 1
done
RECORDS_OK=$(executions_total "$REF_ID" success)
MISSING=$(( TOTAL_OK > RECORDS ? TOTAL_OK - RECORDS : 0 ))
EXTRA=$(( RECORDS > TOTAL_OK ? RECORDS - TOTAL_OK : 0 ))
say ""
say "   execution records written: $RECORDS (status success: $RECORDS_OK)"
say "   2xx answers (check call + warm-up + load phases): $TOTAL_OK"
say "   records missing: $MISSING; records without a counted answer (requests in flight when wrk stopped): $EXTRA (at most $INFLIGHT_MAX)"
if [ "$EXTRA" -gt "$INFLIGHT_MAX" ]; then warn "more records than answers + in-flight requests: duplicates?"; fi

# ------------------------------------------------------------------------------------------ Home Assistant
HA_DONE=0
if [ "$SKIP_HA" = 0 ]; then
  say ""
  say "-- Home Assistant: Webhook -> Home Assistant (get state of light.bed_light) -> Respond to Webhook"
  say "   vs direct GET /api/states/light.bed_light with the same token, same concurrency (wrk)"
  if scripts/ha/ha-test-env.sh install > "$TMP/ha-install.log" 2>&1 && HA_STARTED=1 \
      && scripts/ha/ha-test-env.sh start "$TMP/ha" > "$TMP/ha-start.log" 2>&1; then
    # shellcheck disable=SC1091
    . "$TMP/ha/ha.env"
    CRED_ID=$(api POST /api/v1/credentials "$(jq -n --arg host "$HEARTH_HA_HOST" --argjson port "$HEARTH_HA_PORT" \
      --arg token "$HEARTH_HA_TOKEN" '{name: "Home Assistant (benchmark)", type: "homeAssistantApi",
        data: {host: $host, port: $port, ssl: false, accessToken: $token}}')" | jq -r .id)
    HA_ID=$(api POST /api/v1/workflows "$(jq --arg id "$CRED_ID" '.nodes[1].credentials.homeAssistantApi.id = $id' \
      "$BENCH_DIR/workflows/ha-state.json")" | jq -r .id)
    api POST "/api/v1/workflows/$HA_ID/activate" >/dev/null || die "could not activate the HA workflow"
    HA_URL_ENGINE="http://127.0.0.1:$PORT/webhook/bench-ha"
    HA_URL_DIRECT="$HEARTH_HA_URL/api/states/light.bed_light"
    answer=$(curl -s -S -m 30 -H 'Content-Type: application/json' --data '{}' "$HA_URL_ENGINE")
    [ "$(echo "$answer" | jq -r .entity_id 2>/dev/null)" = light.bed_light ] || die "unexpected answer from the HA workflow: $answer"
    HA_WARM=$(( WARMUP < 10 ? WARMUP : 10 ))
    run_wrk ha_warm_direct "${HA_CONNS[0]}" "$HA_WARM" "$HA_URL_DIRECT" get.lua -H "Authorization: Bearer $HEARTH_HA_TOKEN"
    run_wrk ha_warm_engine "${HA_CONNS[0]}" "$HA_WARM" "$HA_URL_ENGINE" post.lua
    say "   Home Assistant $HEARTH_HA_VERSION at $HEARTH_HA_URL; warm-up ${HA_WARM}s each"
    say ""
    header "conns, path" "req/s"
    HA_WORST_LAT=0; HA_WORST_RATE=999
    for c in "${HA_CONNS[@]}"; do
      sleep 1
      run_wrk "ha_direct_$c" "$c" "$DURATION" "$HA_URL_DIRECT" get.lua -H "Authorization: Bearer $HEARTH_HA_TOKEN"
      sleep 1
      run_wrk "ha_engine_$c" "$c" "$DURATION" "$HA_URL_ENGINE" post.lua
      row "ha_direct_$c" "$c direct"
      row "ha_engine_$c" "$c via Hearth"
      dm="ha_direct_${c}_mean_us"; em="ha_engine_${c}_mean_us"; dr="ha_direct_${c}_rate"; er="ha_engine_${c}_rate"
      lat=$(calc "${!em} / ${!dm}"); rate=$(calc "${!er} / ${!dr}")
      printf -v "ha_${c}_lat_ratio" '%s' "$lat"; printf -v "ha_${c}_rate_ratio" '%s' "$rate"
      printf -v "ha_${c}_added_ms" '%s' "$(calc "(${!em} - ${!dm}) / 1000")"
      holds "$lat > $HA_WORST_LAT" && HA_WORST_LAT=$lat
      holds "$rate < $HA_WORST_RATE" && HA_WORST_RATE=$rate
    done
    for c in "${HA_CONNS[@]}"; do
      l="ha_${c}_lat_ratio"; r="ha_${c}_rate_ratio"
      a="ha_${c}_added_ms"
      say "   overhead at $c connections: mean latency Hearth/direct $(fmt '%.2f' "${!l}")x ($(fmt '%.2f' "${!a}") ms added per call), rate Hearth/direct $(fmt '%.2f' "${!r}")"
    done
    say "   (the added time is Hearth's own per-execution cost: webhook, workflow run, durable record; compare it with"
    say "    the reference workload's latency above. Against a local HA answering in under a millisecond it dominates the ratio.)"
    HA_DONE=1
  else
    warn "Home Assistant could not be started (see $TMP/ha-start.log; --keep keeps it): scenario skipped"
    tail -5 "$TMP/ha-start.log" >&2 || true
  fi
fi

# ------------------------------------------------------------------------------------------ Code and HTTP Request
NODES_DONE=0
if [ "$SKIP_NODES" = 0 ]; then
  NODE_WARM=$(( WARMUP < 20 ? WARMUP : 20 ))
  say ""
  say "-- Code node: Webhook -> Code (return \$input.all().map(...) with the reference's two fields) -> Respond to Webhook"
  say "   vs the reference workload's rate above (same server, same concurrency $TARGET_CONNS)"
  CODE_ID=$(api POST /api/v1/workflows "$(cat "$BENCH_DIR/workflows/code.json")" | jq -r .id)
  api POST "/api/v1/workflows/$CODE_ID/activate" >/dev/null || die "could not activate the Code workflow"
  CODE_URL="http://127.0.0.1:$PORT/webhook/bench-code"
  answer=$(curl -s -S -m 60 -H 'Content-Type: application/json' --data '{"n":21,"name":"Ada"}' "$CODE_URL")
  [ "$(echo "$answer" | jq -c '{doubled, greeting}' 2>/dev/null)" = '{"doubled":42,"greeting":"Hello Ada"}' ] \
    || die "unexpected answer from the Code workflow: $answer"
  run_wrk code_warm "$TARGET_CONNS" "$NODE_WARM" "$CODE_URL" post.lua
  sleep 1
  rss_start "$SERVER_PID" "$TMP/rss-code"
  run_wrk code "$TARGET_CONNS" "$DURATION" "$CODE_URL" post.lua
  rss_stop
  header connections "exec/s"
  row code "$TARGET_CONNS"
  r="ref_${TARGET_CONNS}_rate"
  CODE_RATIO=$(calc "$code_rate / ${!r}")
  CODE_ERRORS=$(( code_errors + code_warm_errors ))
  say "   Code/reference rate at $TARGET_CONNS connections: $(fmt '%.1f' "$code_rate") / $(fmt '%.1f' "${!r}") = $(fmt '%.1f' "$(calc "$CODE_RATIO * 100")")%; server RSS (max) $(( $(cat "$TMP/rss-code") / 1024 )) MB"

  say ""
  say "-- HTTP Request: Webhook -> HTTP Request (POST the body to a local WebFlux endpoint) -> Respond to Webhook"
  say "   vs direct POSTs to the same endpoint (the bare jar, a separate process), same concurrency"
  TPORT=$(free_port)
  # shellcheck disable=SC2086
  "$JAVA" $BARE_JAVA_OPTS -jar "$BARE_JAR" --server.port="$TPORT" > "$TMP/target.log" 2>&1 &
  TARGET_PID=$!
  wait_ready "http://127.0.0.1:$TPORT/ready" "$TARGET_PID" 120 || { tail -40 "$TMP/target.log" >&2; die "the HTTP target did not start"; }
  TARGET_URL="http://127.0.0.1:$TPORT/bare"
  HTTP_ID=$(api POST /api/v1/workflows "$(jq --arg url "$TARGET_URL" '.nodes[1].parameters.url = $url' "$BENCH_DIR/workflows/http.json")" | jq -r .id)
  api POST "/api/v1/workflows/$HTTP_ID/activate" >/dev/null || die "could not activate the HTTP workflow"
  HTTP_URL="http://127.0.0.1:$PORT/webhook/bench-http"
  answer=$(curl -s -S -m 60 -H 'Content-Type: application/json' --data '{"n":21,"name":"Ada"}' "$HTTP_URL")
  say "   answer via Hearth: $answer"
  run_wrk http_warm_direct "$TARGET_CONNS" "$NODE_WARM" "$TARGET_URL" post.lua
  run_wrk http_warm_engine "$TARGET_CONNS" "$NODE_WARM" "$HTTP_URL" post.lua
  sleep 1
  run_wrk http_direct "$TARGET_CONNS" "$DURATION" "$TARGET_URL" post.lua
  sleep 1
  run_wrk http_engine "$TARGET_CONNS" "$DURATION" "$HTTP_URL" post.lua
  header "path" "req/s"
  row http_direct "direct"
  row http_engine "via Hearth"
  rp="ref_${TARGET_CONNS}_p50_us"
  HTTP_ADDED_P50=$(calc "($http_engine_p50_us - $http_direct_p50_us) / 1000")
  HTTP_ADDED_MEAN=$(calc "($http_engine_mean_us - $http_direct_mean_us) / 1000")
  HTTP_ERRORS=$(( http_engine_errors + http_warm_engine_errors ))
  say "   added by Hearth at $TARGET_CONNS connections: p50 $(fmt '%.2f' "$HTTP_ADDED_P50") ms, mean $(fmt '%.2f' "$HTTP_ADDED_MEAN") ms;" \
    "rate via Hearth / direct $(fmt '%.2f' "$(calc "$http_engine_rate / $http_direct_rate")");" \
    "the reference workload's own p50 at this concurrency: $(fmt '%.2f' "$(ms "${!rp}")") ms"
  kill "$TARGET_PID" 2>/dev/null; wait "$TARGET_PID" 2>/dev/null || true; TARGET_PID=""
  NODES_DONE=1
fi

# the server's part is over: stop it so the bare endpoint has the machine to itself
kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""

# ------------------------------------------------------------------------------------------ bare endpoint
BARE_DONE=0
if [ "$SKIP_BARE" = 0 ]; then
  say ""
  say "-- Bare WebFlux endpoint (same Boot + Reactor Netty, POST /bare parses the body, answers the same JSON, records nothing)"
  BPORT=$(free_port)
  t0=$(now_ms)
  # shellcheck disable=SC2086
  "$JAVA" $BARE_JAVA_OPTS -jar "$BARE_JAR" --server.port="$BPORT" > "$TMP/bare.log" 2>&1 &
  BARE_PID=$!
  wait_ready "http://127.0.0.1:$BPORT/ready" "$BARE_PID" 120 || { tail -40 "$TMP/bare.log" >&2; die "the bare endpoint did not start"; }
  BARE_STARTUP_MS=$(( $(now_ms) - t0 ))
  BARE_URL="http://127.0.0.1:$BPORT/bare"
  answer=$(curl -s -S -m 30 -H 'Content-Type: application/json' --data '{"n":21,"name":"Ada"}' "$BARE_URL")
  say "   answer: $answer; JVM: $BARE_JAVA_OPTS; start-up $(fmt '%.2f' "$(calc "$BARE_STARTUP_MS / 1000")") s"
  run_wrk bare_warm "$TARGET_CONNS" "$WARMUP" "$BARE_URL" post.lua
  say "   warm-up: ${WARMUP}s at $TARGET_CONNS connections: $(fmt '%.0f' "$bare_warm_rate")/s"
  say ""
  header connections "req/s"
  for c in "${CONNS[@]}"; do
    sleep 1
    rss_start "$BARE_PID" "$TMP/rss-bare-$c"
    run_wrk "bare_$c" "$c" "$DURATION" "$BARE_URL" post.lua
    rss_stop
    row "bare_$c" "$c"
  done
  say "   bare RSS (max): $(( $(cat "$TMP/rss-bare-${CONNS[-1]}") / 1024 )) MB"
  for c in "${CONNS[@]}"; do
    e="ref_${c}_rate"; b="bare_${c}_rate"
    r=$(calc "${!e} / ${!b}"); printf -v "ratio_$c" '%s' "$r"
    say "   engine/bare at $c connections: $(fmt '%.1f' "${!e}") / $(fmt '%.1f' "${!b}") = $(fmt '%.1f' "$(calc "$r * 100")")%"
  done
  BARE_DONE=1
  kill "$BARE_PID" 2>/dev/null; wait "$BARE_PID" 2>/dev/null || true; BARE_PID=""
fi

# ------------------------------------------------------------------------------------------ targets
say ""
say "-- Targets (issue 7, for a 2-core machine)"
FAILS=0
check() { # check DESCRIPTION MEASURED CONDITION
  if holds "$3"; then printf '   PASS  %-58s %s\n' "$1" "$2"; else printf '   FAIL  %-58s %s\n' "$1" "$2"; FAILS=$((FAILS + 1)); fi
}
r="ref_${TARGET_CONNS}_rate"; p="ref_${TARGET_CONNS}_p99_us"
check ">= 3,700 executions/s at $TARGET_CONNS connections, all recorded" "$(fmt '%.1f' "${!r}")/s, $MISSING missing" "${!r} >= 3700 && $MISSING == 0"
if [ "$BARE_DONE" = 1 ]; then
  q="ratio_$TARGET_CONNS"
  check ">= 25% of the bare endpoint (at $TARGET_CONNS connections)" "$(fmt '%.1f' "$(calc "${!q} * 100")")%" "${!q} >= 0.25"
else
  say "   SKIP  >= 25% of the bare endpoint (--skip-bare)"
fi
check "p99 <= 10 ms at $TARGET_CONNS connections" "$(fmt '%.2f' "$(ms "${!p}")") ms" "${!p} <= 10000"
check "0 errors (reference: warm-up + load phases)" "$(( REF_ERRORS + ref_warm_errors )) errors" "$(( REF_ERRORS + ref_warm_errors )) == 0"
check "0 execution records missing" "$RECORDS records / $TOTAL_OK answered" "$MISSING == 0"
rk="ref_${TARGET_CONNS}_rss_kb"
check "server RSS <= 300 MB under that load ($TARGET_CONNS connections)" "$(( ${!rk} / 1024 )) MB (max over all phases $(( REF_RSS_MAX_KB / 1024 )) MB)" "${!rk} <= 300 * 1024"
check "start-up to ready <= 3 s" "$(fmt '%.2f' "$(calc "$STARTUP_MS / 1000")") s" "$STARTUP_MS <= 3000"
if [ "$HA_DONE" = 1 ]; then
  check "Home Assistant via Hearth <= 1.2x direct time (worst concurrency)" "$(fmt '%.2f' "$HA_WORST_LAT")x mean latency, rate $(fmt '%.2f' "$HA_WORST_RATE")x" "$HA_WORST_LAT <= 1.2"
else
  say "   SKIP  Home Assistant via Hearth <= 1.2x direct time"
fi
if [ "$NODES_DONE" = 1 ]; then
  check "Code workflow >= 25% of the reference's rate (same run)" "$(fmt '%.1f' "$(calc "$CODE_RATIO * 100")")%, $CODE_ERRORS errors" "$CODE_RATIO >= 0.25 && $CODE_ERRORS == 0"
  check "HTTP Request adds <= 1 ms p50 over a direct call" "$(fmt '%.2f' "$HTTP_ADDED_P50") ms, $HTTP_ERRORS errors" "$HTTP_ADDED_P50 <= 1 && $HTTP_ERRORS == 0"
else
  say "   SKIP  Code and HTTP Request scenarios (--skip-nodes)"
fi
say ""
say "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); $FAILS target(s) missed"
