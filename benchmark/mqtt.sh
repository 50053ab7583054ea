# MQTT scenario of ./hearth bench (sourced by run.sh for --mqtt, once the server is up with an API key; its helpers,
# $TMP and clean-up apply).
#
# Starts its own Mosquitto (/usr/sbin/mosquitto, generated config, a free port, password auth), creates an `mqtt`
# credential and, for each QoS (0, then 1), an active workflow MQTT Trigger (bench/#, that QoS, JSON parse) ->
# Edit Fields with every execution recorded. MqttBench (this module, Paho) publishes --mqtt-messages messages, each
# carrying its publish time, and waits until the executions API counts as many new records: messages/s = records /
# (first publish -> last record counted). Latency: publish -> the record's startedAt and stoppedAt, read from every
# record. Beside it, the same broker's raw rate: mosquitto_pub -l (N lines from stdin) to mosquitto_sub -C N.

MQTT_BIN=${MOSQUITTO_BIN:-/usr/sbin/mosquitto}
[ -x "$MQTT_BIN" ] || die "Mosquitto is needed for the MQTT scenario (apt-get install -y mosquitto mosquitto-clients)"
command -v mosquitto_pub >/dev/null 2>&1 || die "mosquitto_pub is needed (apt-get install -y mosquitto-clients)"

MQTT_PORT=$(free_port)
MQTT_USER=bench
MQTT_PASSWORD=bench-mqtt-password
mkdir -p "$TMP/mosquitto"
mosquitto_passwd -b -c "$TMP/mosquitto/passwords" "$MQTT_USER" "$MQTT_PASSWORD" >/dev/null 2>&1 \
  || die "mosquitto_passwd failed"
chmod 0700 "$TMP/mosquitto/passwords" 2>/dev/null || true
# No queue limits: a message the broker dropped for a slow subscriber would be a missing execution, not a rate.
# "user": stay the user the benchmark runs as (as root, mosquitto would switch to 'mosquitto' and lose $TMP).
cat > "$TMP/mosquitto/mosquitto.conf" <<CONF
persistence false
user $(id -un)
log_dest file $TMP/mosquitto/mosquitto.log
log_type error
log_type warning
log_type notice
log_type information
log_type subscribe
listener $MQTT_PORT 127.0.0.1
allow_anonymous false
password_file $TMP/mosquitto/passwords
max_queued_messages 0
max_queued_bytes 0
max_inflight_messages 0
CONF
"$MQTT_BIN" -c "$TMP/mosquitto/mosquitto.conf" > "$TMP/mosquitto/stdout.log" 2>&1 &
MOSQUITTO_PID=$!
QUEUE_PIDS="$QUEUE_PIDS $MOSQUITTO_PID"
mqtt_up=0
for _ in $(seq 1 100); do
  kill -0 "$MOSQUITTO_PID" 2>/dev/null || break
  mosquitto_pub -h 127.0.0.1 -p "$MQTT_PORT" -u "$MQTT_USER" -P "$MQTT_PASSWORD" -t probe -m up 2>/dev/null && { mqtt_up=1; break; }
  sleep 0.1
done
[ "$mqtt_up" = 1 ] || { cat "$TMP/mosquitto/"*.log >&2; die "Mosquitto did not start"; }
# mosquitto -h exits non-zero after printing its version
MQTT_VERSION=$({ "$MQTT_BIN" -h 2>&1 || true; } | grep -o -m1 'version [0-9.]*' || true)

BENCH_CP="$BENCH_DIR/target/classes:$(cat "$BENCH_DIR/target/pg-classpath.txt")"
MQTT_CRED=$(api POST /api/v1/credentials "$(jq -n --argjson port "$MQTT_PORT" --arg user "$MQTT_USER" --arg pw "$MQTT_PASSWORD" \
  '{name: "Benchmark broker", type: "mqtt", data: {protocol: "mqtt", host: "127.0.0.1", port: $port, username: $user, password: $pw}}')" \
  | jq -r .id)
[ -n "$MQTT_CRED" ] && [ "$MQTT_CRED" != null ] || die "could not create the mqtt credential"

say ""
say "-- MQTT: Mosquitto $MQTT_VERSION (own instance, port $MQTT_PORT) -> MQTT Trigger (bench/#, JSON parse) -> Edit Fields"
say "   every execution recorded; $MQTT_MESSAGES messages per QoS from MqttBench (Paho, at most $MQTT_INFLIGHT unacknowledged)"
say "   messages/s: records / (first publish -> last record counted by GET /api/v1/executions, polled every 50 ms)"
say "   latency: publish time (in the payload) -> the record's startedAt / stoppedAt, over every record"
say "   raw broker: mosquitto_pub -l ($MQTT_MESSAGES lines from stdin) -> mosquitto_sub -C $MQTT_MESSAGES, same QoS, same broker"
say "   load average now: $(cut -d' ' -f1-3 /proc/loadavg)"

for q in 0 1; do
  wf=$(api POST /api/v1/workflows "$(jq --arg id "$MQTT_CRED" --arg topics "bench/#:$q" \
    '.nodes[0].credentials.mqtt.id = $id | .nodes[0].parameters.topics = $topics' "$BENCH_DIR/workflows/mqtt.json")" | jq -r .id)
  api POST "/api/v1/workflows/$wf/activate" >/dev/null || die "could not activate the MQTT workflow (QoS $q)"
  # The trigger subscribes asynchronously: one probe message must become a record before the measured run.
  probe_ok=0
  for _ in $(seq 1 300); do
    mosquitto_pub -h 127.0.0.1 -p "$MQTT_PORT" -u "$MQTT_USER" -P "$MQTT_PASSWORD" -q "$q" -t bench/probe -m '{"seq":-1}' 2>/dev/null
    [ "$(executions_total "$wf")" -gt 0 ] && { probe_ok=1; break; }
    sleep 0.2
  done
  [ "$probe_ok" = 1 ] || { tail -30 "$TMP/server.log" >&2; die "the MQTT Trigger (QoS $q) recorded nothing"; }
  prev=-1; for _ in $(seq 1 20); do cur=$(executions_total "$wf"); [ "$cur" = "$prev" ] && break; prev=$cur; sleep 0.5; done
  # shellcheck disable=SC2086
  line=$("$JAVA" -Xmx256m -cp "$BENCH_CP" io.hearth.benchmark.mqtt.MqttBench "$MQTT_PORT" "$MQTT_USER" "$MQTT_PASSWORD" \
    "http://127.0.0.1:$PORT" "$API_KEY" "$wf" "$q" "$MQTT_MESSAGES" "$MQTT_INFLIGHT" 2> "$TMP/mqttbench-$q.err" | grep '^RESULT') \
    || { cat "$TMP/mqttbench-$q.err" >&2; die "MqttBench failed (QoS $q)"; }
  read -r _ _ n pub_ms rec_ms rate s50 s99 f50 f99 matched <<< "$line"
  printf -v "MQ_${q}" '%s' "$n $pub_ms $rec_ms $rate $s50 $s99 $f50 $f99 $matched"
  [ -s "$TMP/mqttbench-$q.err" ] && sed 's/^/   MqttBench: /' "$TMP/mqttbench-$q.err"
  api POST "/api/v1/workflows/$wf/deactivate" >/dev/null || warn "could not deactivate the MQTT workflow (QoS $q)"

  # The raw broker, same QoS: mosquitto_sub waits for N messages; timed from the publisher's start to its exit.
  mosquitto_sub -h 127.0.0.1 -p "$MQTT_PORT" -u "$MQTT_USER" -P "$MQTT_PASSWORD" -i "raw-sub-$q" -q "$q" -t 'raw/#' -C "$MQTT_MESSAGES" \
    > "$TMP/raw-$q.out" 2>&1 &
  sub_pid=$!
  QUEUE_PIDS="$QUEUE_PIDS $sub_pid"
  for _ in $(seq 1 200); do grep -q "raw-sub-$q $q raw/#" "$TMP/mosquitto/mosquitto.log" 2>/dev/null && break; sleep 0.05; done
  t0=$(date +%s%N)
  seq 1 "$MQTT_MESSAGES" | mosquitto_pub -h 127.0.0.1 -p "$MQTT_PORT" -u "$MQTT_USER" -P "$MQTT_PASSWORD" -q "$q" -t raw/x -l
  raw_ok=1
  for _ in $(seq 1 1200); do kill -0 "$sub_pid" 2>/dev/null || break; sleep 0.05; done
  t1=$(date +%s%N)
  if kill -0 "$sub_pid" 2>/dev/null; then kill "$sub_pid" 2>/dev/null; raw_ok=0; fi
  wait "$sub_pid" 2>/dev/null || true
  got=$(grep -c . "$TMP/raw-$q.out" || true)
  [ "$raw_ok" = 1 ] || warn "mosquitto_sub received $got of $MQTT_MESSAGES messages (QoS $q) within 60 s"
  printf -v "RAW_${q}" '%s' "$got $(( (t1 - t0) / 1000000 ))"
done

say ""
printf '   %-4s %9s %12s %12s %12s %9s %9s %10s %10s %14s\n' QoS messages "published ms" "recorded ms" "Hearth msg/s" \
  "start p50" "start p99" "finish p50" "finish p99" "raw msg/s"
for q in 0 1; do
  v="MQ_$q"; r="RAW_$q"
  read -r n pub_ms rec_ms rate s50 s99 f50 f99 matched <<< "${!v}"
  read -r got raw_ms <<< "${!r}"
  raw_rate=$(calc "$got / ($raw_ms / 1000)")
  printf '   %-4s %9s %12s %12s %12.0f %9s %9s %10s %10s %14.0f\n' "$q" "$n" "$pub_ms" "$rec_ms" "$rate" "$s50" "$s99" "$f50" "$f99" "$raw_rate"
  [ "$n" = "$MQTT_MESSAGES" ] || warn "QoS $q: $n of $MQTT_MESSAGES messages became execution records"
  [ "$matched" = "$n" ] || warn "QoS $q: $matched of $n records carried a publish time"
  say "   QoS $q: Hearth at $(fmt '%.1f' "$(calc "$rate / $raw_rate * 100")")% of the raw broker rate; raw: $got messages in $raw_ms ms"
done
say "   (latencies in ms from publish; start = the record's startedAt, finish = its stoppedAt; load average at the end:"
say "    $(cut -d' ' -f1-3 /proc/loadavg))"
