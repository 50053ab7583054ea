# Queue mode scenario of ./hearth bench (sourced by run.sh for --queue; its helpers, $TMP and clean-up apply).
#
# One embedded PostgreSQL (benchmark/.../BenchPostgres: zonky's binaries, synchronous_commit on, pg_stat_statements)
# and, each on a fresh database of it: a single instance (all-in-one, no queue), then for each count in --workers
# a main (role main: webhooks, queues) with that many workers (role worker). The load is the same everywhere:
# Webhook answering on receipt -> Edit Fields -> No Operation, every execution recorded, wrk at the first
# --connections. Per scenario: accepted/s and p99 (wrk, the webhook's answer), completed/s (executions finished in
# the measured window), run p99 (accepted -> recorded finished, from the records), CPU time per execution of each
# process and of PostgreSQL (/proc/<pid>/stat over the window and the drain after it, divided by the executions
# finished in it), and PostgreSQL's statements and commits per execution (pg_stat_statements, pg_stat_database).

command -v psql >/dev/null 2>&1 || die "psql is needed for the queue scenario (apt-get install -y postgresql-client)"
IFS=, read -r -a WORKER_COUNTS <<< "$QUEUE_WORKERS"
for w in "${WORKER_COUNTS[@]}"; do [[ "$w" =~ ^[1-9][0-9]*$ ]] || die "bad worker count: $w"; done
CLK_TCK=$(getconf CLK_TCK)
QUEUE_PIDS=""

# ------------------------------------------------------------------------------------------ PostgreSQL
PGPORT=$(free_port)
mkdir -p "$TMP/pg"
BENCH_CP="$BENCH_DIR/target/classes:$(cat "$BENCH_DIR/target/pg-classpath.txt")"
"$JAVA" -Xmx64m -cp "$BENCH_CP" io.hearth.benchmark.queue.BenchPostgres "$TMP/pg/data" "$PGPORT" > "$TMP/pg.log" 2>&1 &
PG_LAUNCHER_PID=$!
QUEUE_PIDS="$PG_LAUNCHER_PID"
for _ in $(seq 1 600); do grep -q '^PG_READY' "$TMP/pg.log" && break; kill -0 "$PG_LAUNCHER_PID" 2>/dev/null || break; sleep 0.1; done
grep -q '^PG_READY' "$TMP/pg.log" || { tail -30 "$TMP/pg.log" >&2; die "the embedded PostgreSQL did not start"; }
PG_PID=$(head -1 "$TMP/pg/data/postmaster.pid")
psql_do() { PGOPTIONS="-c client_min_messages=warning" PGCONNECT_TIMEOUT=10 psql -X -q -A -t -h 127.0.0.1 -p "$PGPORT" -U postgres -d "${2:-postgres}" -c "$1"; }
PG_VERSION=$(psql_do "SHOW server_version")
say ""
say "-- Queue mode: single instance vs main + N workers, one embedded PostgreSQL $PG_VERSION (synchronous_commit on)"
say "   load: Webhook answering on receipt -> Edit Fields -> No Operation, every execution recorded; wrk at $TARGET_CONNS connections,"
say "   warm-up ${WARMUP}s then ${DURATION}s measured per scenario; workers: ${QUEUE_WORKERS} (concurrency $QUEUE_CONCURRENCY each)"
say "   CPU per execution: process CPU time (/proc/<pid>/stat) over the measured window and the drain after it, divided by"
say "   the executions finished in it; PostgreSQL = the postmaster and all its backends. Load average now: $(cut -d' ' -f1-3 /proc/loadavg)"

# CPU ticks (user + system) of a process; for the postmaster also those of its children, live and exited.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# thread_ticks PID: "name<TAB>ticks" per thread group of a live process (the kernel's 15-character thread name with
# digits folded to #: "C# CompilerThre" is the JIT, "reactor-http-ep" the HTTP event loops, ...)
thread_ticks() {
  local t
  for t in /proc/"$1"/task/*; do sed -E 's/^[0-9]+ \((.*)\) (.*)$/\1\t\2/' "$t/stat" 2>/dev/null || true; done \
    | awk -F'\t' '{ split($2, f, " "); n = $1; gsub(/[0-9]+/, "#", n); s[n] += f[12] + f[13] } END { for (n in s) print n "\t" s[n] }' \
    | LC_ALL=C sort
}
# thread_delta BEFORE AFTER: "ticks<TAB>name" of the thread groups that used CPU between two thread_ticks, busiest first
thread_delta() { { LC_ALL=C join -t $'\t' "$1" "$2" || true; } | awk -F'\t' '$3 - $2 > 0 { print $3 - $2 "\t" $1 }' | sort -rn; }
jit_of() { awk -F'\t' '$2 ~ /CompilerThre/ { s += $1 } END { print s + 0 }' "$1"; }
pg_ticks() {
  local total own kids
  own=$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$PG_PID/stat")
  kids=0
  for c in $(cat "/proc/$PG_PID/task/$PG_PID/children" 2>/dev/null); do
    kids=$(( kids + $(cpu_ticks "$c") ))
  done
  total=$(( own + kids ))
  echo "$total"
}

# start_hearth NAME DB [args...]: starts a Hearth process on database DB; sets ${NAME}_PID and ${NAME}_PORT
start_hearth() {
  local name="$1" db="$2"; shift 2
  local port; port=$(free_port)
  mkdir -p "$TMP/$name"
  # shellcheck disable=SC2086
  HEARTH_DATA_DIR="$TMP/$name" HEARTH_OWNER_EMAIL="$OWNER_EMAIL" HEARTH_OWNER_PASSWORD="$OWNER_PASSWORD" \
    HEARTH_ENCRYPTION_KEY="bench-queue-master-key-0123456789abcdef" \
    "$JAVA" $SERVER_JAVA_OPTS --enable-native-access=ALL-UNNAMED "${LAUNCH[@]}" \
    --server.port="$port" --hearth.executions.prune.enabled=false \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PGPORT/$db" \
    --spring.datasource.username=postgres --spring.datasource.password=postgres \
    --hearth.cluster.instance-id="$name" "$@" > "$TMP/$name.log" 2>&1 &
  local pid=$!
  QUEUE_PIDS="$QUEUE_PIDS $pid"
  printf -v "${name//-/_}_PID" '%s' "$pid"
  printf -v "${name//-/_}_PORT" '%s' "$port"
}
await_ready() { # await_ready NAME
  local n="${1//-/_}" pid port
  pid="${n}_PID"; port="${n}_PORT"
  wait_ready "http://127.0.0.1:${!port}/actuator/health/readiness" "${!pid}" 240 \
    || { tail -40 "$TMP/$1.log" >&2; die "$1 did not become ready"; }
}
stop_pids() { # stop_pids PID...: SIGTERM, then wait (a worker hands back what it runs on the way out)
  local p
  for p in "$@"; do kill "$p" 2>/dev/null || true; done
  for p in "$@"; do
    for _ in $(seq 1 300); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
  done
}
q_count() { psql_do "SELECT COUNT(*) FROM executions WHERE workflow_id = '$QWF' AND status $1" "$QDB"; }

# scenario KEY LABEL WORKERS: WORKERS=0 is the single instance
scenario() {
  local key="$1" label="$2" workers="$3" main i pids=""
  QDB="bench_$key"
  psql_do "DROP DATABASE IF EXISTS $QDB WITH (FORCE)" >/dev/null
  psql_do "CREATE DATABASE $QDB" >/dev/null
  if [ "$workers" = 0 ]; then
    start_hearth "$key-single" "$QDB"
    main="$key-single"
  else
    start_hearth "$key-main" "$QDB" --hearth.cluster.role=main
    main="$key-main"
    for i in $(seq 1 "$workers"); do
      start_hearth "$key-worker$i" "$QDB" --hearth.cluster.role=worker --hearth.cluster.worker-concurrency="$QUEUE_CONCURRENCY"
    done
  fi
  await_ready "$main"
  for i in $(seq 1 "$workers"); do await_ready "$key-worker$i"; done
  local mp="${main//-/_}_PORT"; PORT="${!mp}"
  curl -s -S -f -m 30 -c "$TMP/cookies-$key" -H 'Content-Type: application/json' \
    --data "{\"email\":\"$OWNER_EMAIL\",\"password\":\"$OWNER_PASSWORD\"}" "http://127.0.0.1:$PORT/api/v1/auth/login" >/dev/null \
    || die "login failed ($label)"
  API_KEY=$(curl -s -S -f -m 30 -b "$TMP/cookies-$key" -H 'Content-Type: application/json' --data '{"label":"benchmark"}' \
    "http://127.0.0.1:$PORT/api/v1/api-keys" | jq -r .key)
  QWF=$(api POST /api/v1/workflows "$(cat "$BENCH_DIR/workflows/queue.json")" | jq -r .id)
  api POST "/api/v1/workflows/$QWF/activate" >/dev/null || die "could not activate the queue workflow ($label)"
  local url="http://127.0.0.1:$PORT/webhook/bench-queue"
  local answer; answer=$(curl -s -S -m 30 -H 'Content-Type: application/json' --data '{"n":21,"name":"Ada"}' "$url")
  [ "$(echo "$answer" | jq -r .message 2>/dev/null)" = "Workflow was started" ] || die "unexpected answer ($label): $answer"

  run_wrk "q_${key}_warm" "$TARGET_CONNS" "$WARMUP" "$url" post.lua
  drain "$label (warm-up)"
  sleep 1

  # the measured window, then the drain: CPU and statements over both, executions finished in both
  local done0 ticks0=() t names=("$main") pg0 xact0
  for i in $(seq 1 "$workers"); do names+=("$key-worker$i"); done
  done0=$(q_count "= 'success'")
  for t in "${names[@]}"; do local v="${t//-/_}_PID"; ticks0+=("$(cpu_ticks "${!v}")"); thread_ticks "${!v}" > "$TMP/threads0-$t"; done
  psql_do "SELECT pg_stat_statements_reset()" >/dev/null
  pg0=$(pg_ticks)
  xact0=$(psql_do "SELECT xact_commit FROM pg_stat_database WHERE datname = '$QDB'")
  local w0; w0=$(now_ms)
  run_wrk "q_$key" "$TARGET_CONNS" "$DURATION" "$url" post.lua
  local in_window; in_window=$(( $(q_count "= 'success'") - done0 ))
  drain "$label"
  local drain_ms=$(( $(now_ms) - w0 - DURATION * 1000 ))
  local pg1 xact1 done1 n
  pg1=$(pg_ticks)
  xact1=$(psql_do "SELECT xact_commit FROM pg_stat_database WHERE datname = '$QDB'")
  done1=$(q_count "= 'success'")
  n=$(( done1 - done0 ))
  [ "$n" -gt 0 ] || die "no execution finished ($label)"
  local cpu_main cpu_workers=0 idx=0 jit=0
  for t in "${names[@]}"; do
    local v="${t//-/_}_PID" d
    d=$(( $(cpu_ticks "${!v}") - ticks0[idx] ))
    thread_ticks "${!v}" > "$TMP/threads1-$t"
    thread_delta "$TMP/threads0-$t" "$TMP/threads1-$t" > "$TMP/threads-$t.txt"
    jit=$(( jit + $(jit_of "$TMP/threads-$t.txt") ))
    if [ "$idx" = 0 ]; then cpu_main=$d; else cpu_workers=$(( cpu_workers + d )); fi
    idx=$(( idx + 1 ))
  done
  local per="1000 / $CLK_TCK / $n"
  local stmts; stmts=$(psql_do "SELECT COALESCE(SUM(calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '$QDB'")
  psql_do "SELECT calls, round((total_exec_time * 1000 / $n)::numeric, 1), left(regexp_replace(query, '\\s+', ' ', 'g'), 90)
           FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
           WHERE d.datname = '$QDB' ORDER BY total_exec_time DESC LIMIT 8" > "$TMP/statements-$key.txt"
  local run_p99; run_p99=$(psql_do "SELECT COALESCE(ROUND(percentile_cont(0.99) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM stopped_at - started_at) * 1000)::numeric, 1), 0)
           FROM executions WHERE workflow_id = '$QWF' AND status = 'success' AND started_at >= to_timestamp($w0 / 1000.0)" "$QDB")
  local rate="q_${key}_rate" p99="q_${key}_p99_us" errs="q_${key}_errors"
  printf -v "QS_${key}_accepted" '%s' "${!rate}"
  printf -v "QS_${key}_completed" '%s' "$(calc "$in_window / $DURATION")"
  printf -v "QS_${key}_p99" '%s' "$(ms "${!p99}")"
  printf -v "QS_${key}_runp99" '%s' "$run_p99"
  printf -v "QS_${key}_main" '%s' "$(calc "$cpu_main * $per")"
  printf -v "QS_${key}_workers" '%s' "$(calc "$cpu_workers * $per")"
  printf -v "QS_${key}_pg" '%s' "$(calc "($pg1 - $pg0) * $per")"
  printf -v "QS_${key}_total" '%s' "$(calc "($cpu_main + $cpu_workers + $pg1 - $pg0) * $per")"
  printf -v "QS_${key}_jit" '%s' "$(calc "$jit * $per")"
  printf -v "QS_${key}_nojit" '%s' "$(calc "($cpu_main + $cpu_workers + $pg1 - $pg0 - $jit) * $per")"
  printf -v "QS_${key}_threads" '%s' "$(for t in "${names[@]}"; do
    echo "${t#"$key-"}: $(head -6 "$TMP/threads-$t.txt" | awk -F'\t' -v k="$(calc "$per")" '{ printf "%s%s %.3f", (NR > 1 ? ", " : ""), $2, $1 * k }')"; done)"
  printf -v "QS_${key}_stmts" '%s' "$(calc "$stmts / $n")"
  printf -v "QS_${key}_xacts" '%s' "$(calc "($xact1 - $xact0) / $n")"
  printf -v "QS_${key}_errors" '%s' "${!errs}"
  printf -v "QS_${key}_drain" '%s' "$drain_ms"
  printf -v "QS_${key}_n" '%s' "$n"
  printf -v "QS_${key}_load" '%s' "$(cut -d' ' -f1 /proc/loadavg)"
  # shellcheck disable=SC2046
  stop_pids $(for t in "${names[@]}"; do v="${t//-/_}_PID"; echo "${!v}"; done)
}

drain() { # drain LABEL: until nothing of the workflow is queued or running (at most 180 s)
  local left
  for _ in $(seq 1 360); do
    left=$(q_count "IN ('new', 'running')")
    [ "$left" = 0 ] && return 0
    sleep 0.5
  done
  warn "$1: $left executions still queued or running after 180 s"
}

scenario single "single instance" 0
QUEUE_KEYS=(single)
for w in "${WORKER_COUNTS[@]}"; do
  scenario "w$w" "main + $w worker(s)" "$w"
  QUEUE_KEYS+=("w$w")
done

say ""
printf '  %-20s %10s %11s %8s %9s %10s %10s %9s %8s %8s %8s %8s %6s %6s\n' scenario "accepted/s" "completed/s" "p99 ms" "run p99" \
  "CPU main" "workers" "PG" "total" "JIT" "no JIT" "stmts" "xacts" load
for k in "${QUEUE_KEYS[@]}"; do
  label="single instance"; [ "$k" != single ] && label="main + ${k#w} worker(s)"
  a="QS_${k}_accepted"; c="QS_${k}_completed"; p="QS_${k}_p99"; r="QS_${k}_runp99"; m="QS_${k}_main"; wk="QS_${k}_workers"
  g="QS_${k}_pg"; t="QS_${k}_total"; s="QS_${k}_stmts"; x="QS_${k}_xacts"; l="QS_${k}_load"
  j="QS_${k}_jit"; nj="QS_${k}_nojit"
  printf '  %-20s %10.1f %11.1f %8.2f %9.1f %10.3f %10.3f %9.3f %8.3f %8.3f %8.3f %8.2f %6.2f %6s\n' "$label" "${!a}" "${!c}" "${!p}" "${!r}" \
    "${!m}" "${!wk}" "${!g}" "${!t}" "${!j}" "${!nj}" "${!s}" "${!x}" "${!l}"
done
say "   (CPU: ms per execution of the main (or the single instance), of all workers together, of PostgreSQL and in total;"
say "    JIT: of that total, the Hearth processes' JIT compiler threads; no JIT: the total without them;"
say "    stmts, xacts: PostgreSQL statements and commits per execution; p99: the webhook's answer; run p99: accepted ->"
say "    finished record, ms; load: 1-minute load average after the scenario)"
for k in "${QUEUE_KEYS[@]}"; do
  e="QS_${k}_errors"; n="QS_${k}_n"; d="QS_${k}_drain"
  th="QS_${k}_threads"
  say "   $k: $((${!n})) executions finished in the window + drain (drain $(( ${!d} )) ms), wrk errors ${!e}"
  say "      CPU ms per execution of each process's busiest threads (C# CompilerThre: the JIT):"
  echo "${!th}" | sed 's/^/        /'
  say "      busiest statements (calls | execution time, us per execution | statement):"
  sed 's/^/      /' "$TMP/statements-$k.txt"
done

say ""
say "-- Targets (issue 23, for a 2-core machine)"
QFAILS=0
qcheck() { if holds "$3"; then printf '   PASS  %-62s %s\n' "$1" "$2"; else printf '   FAIL  %-62s %s\n' "$1" "$2"; QFAILS=$((QFAILS + 1)); fi; }
if [ -n "${QS_w1_accepted:-}" ]; then
  ratio=$(calc "$QS_w1_accepted / $QS_single_accepted")
  cratio=$(calc "$QS_w1_completed / $QS_single_completed")
  cpu=$(calc "$QS_w1_total / $QS_single_total")
  qcheck "queue mode, 1 worker: >= 50% of the single instance's rate" \
    "accepted $(fmt '%.0f' "$(calc "$ratio * 100")")%, completed $(fmt '%.0f' "$(calc "$cratio * 100")")%" "$ratio >= 0.5 && $cratio >= 0.5"
  qcheck "queue mode, 1 worker: CPU per execution <= 2x the single instance's" \
    "$(fmt '%.3f' "$QS_w1_total") / $(fmt '%.3f' "$QS_single_total") ms = $(fmt '%.2f' "$cpu")x" "$cpu <= 2"
  say "   (without the JIT compiler threads, which a loaded machine keeps busy long after the warm-up: $(fmt '%.3f' "$QS_w1_nojit") / $(fmt '%.3f' "$QS_single_nojit") ms = $(fmt '%.2fx' "$(calc "$QS_w1_nojit / $QS_single_nojit")"))"
else
  say "   SKIP  the targets compare 1 worker with the single instance (--workers without 1)"
fi
say ""
say "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); $QFAILS target(s) missed"
# shellcheck disable=SC2086
stop_pids $QUEUE_PIDS
QUEUE_PIDS=""
