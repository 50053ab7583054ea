#!/usr/bin/env bash
# Checks a Home Assistant started by ha-test-env.sh with plain curl calls, the way Hearth's HA node
# uses the REST API. Usage: smoke-test.sh <state-dir>   (exit 0 when every check passes)
set -euo pipefail

STATE="${1:?usage: smoke-test.sh <state-dir>}"
# shellcheck disable=SC1091
source "$STATE/ha.env"
URL="$HEARTH_HA_URL"
CURL=(curl -sS --max-time 30)
[[ -n "${HEARTH_HA_CA_CERT:-}" ]] && CURL+=(--cacert "$HEARTH_HA_CA_CERT")
AUTH=(-H "Authorization: Bearer $HEARTH_HA_TOKEN")
JSON=(-H "Content-Type: application/json")
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
PASS=0 FAIL=0

ok() { PASS=$((PASS + 1)); echo "ok   $*"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL $*"; }
# check NAME EXPECTED_STATUS curl-args... ; body in $TMP/body
check() {
  local name=$1 want=$2 got
  shift 2
  got="$("${CURL[@]}" -o "$TMP/body" -w '%{http_code}' "$@" || echo 000)"
  if [[ "$got" == "$want" ]]; then ok "$name -> $got"; else bad "$name -> $got (want $want): $(head -c 300 "$TMP/body")"; fi
}
expect() {  # expect NAME JQ_FILTER (must print true)
  if [[ "$(jq -r "$2" "$TMP/body" 2>/dev/null)" == true ]]; then ok "$1"; else bad "$1: $(head -c 300 "$TMP/body")"; fi
}

START="$(date -u -d '-5 min' +%Y-%m-%dT%H:%M:%S+00:00)"
LIGHT=light.bed_light

check "GET /api/" 200 "${AUTH[@]}" "$URL/api/"
expect "api running" '.message == "API running."'
check "GET /api/config" 200 "${AUTH[@]}" "$URL/api/config"
expect "version $HEARTH_HA_VERSION, RUNNING" ".version == \"$HEARTH_HA_VERSION\" and .state == \"RUNNING\""
check "GET /api/states" 200 "${AUTH[@]}" "$URL/api/states"
expect "has $LIGHT and camera.demo_camera" "[.[].entity_id] | (index(\"$LIGHT\") != null and index(\"camera.demo_camera\") != null)"

check "light.turn_off" 200 "${AUTH[@]}" "${JSON[@]}" -d "{\"entity_id\":\"$LIGHT\"}" "$URL/api/services/light/turn_off"
check "light.turn_on" 200 "${AUTH[@]}" "${JSON[@]}" -d "{\"entity_id\":\"$LIGHT\",\"brightness\":128}" "$URL/api/services/light/turn_on"
expect "turn_on returns changed state" "[.[] | select(.entity_id == \"$LIGHT\")][0].state == \"on\""
check "GET /api/states/$LIGHT" 200 "${AUTH[@]}" "$URL/api/states/$LIGHT"
expect "$LIGHT is on, brightness 128" '.state == "on" and .attributes.brightness == 128'

check "POST /api/states/sensor.hearth_test (create)" 201 "${AUTH[@]}" "${JSON[@]}" \
  -d '{"state":"42","attributes":{"unit_of_measurement":"W","friendly_name":"Hearth test"}}' "$URL/api/states/sensor.hearth_test"
check "POST /api/states/sensor.hearth_test (update)" 200 "${AUTH[@]}" "${JSON[@]}" \
  -d '{"state":"43","attributes":{"unit_of_measurement":"W"}}' "$URL/api/states/sensor.hearth_test"
check "GET /api/states/sensor.hearth_test" 200 "${AUTH[@]}" "$URL/api/states/sensor.hearth_test"
expect "read back 43 W" '.state == "43" and .attributes.unit_of_measurement == "W"'

check "POST /api/events/hearth_test_event" 200 "${AUTH[@]}" "${JSON[@]}" -d '{"x":1}' "$URL/api/events/hearth_test_event"
expect "event fired" '.message == "Event hearth_test_event fired."'
check "GET /api/events" 200 "${AUTH[@]}" "$URL/api/events"
expect "event list has state_changed" '[.[].event] | index("state_changed") != null'

check "POST /api/template" 200 "${AUTH[@]}" "${JSON[@]}" -d "{\"template\":\"{{ states('$LIGHT') }}\"}" "$URL/api/template"
if [[ "$(cat "$TMP/body")" == on ]]; then ok "template renders 'on'"; else bad "template: $(cat "$TMP/body")"; fi

check "GET /api/history/period" 200 "${AUTH[@]}" "$URL/api/history/period/$START?filter_entity_id=$LIGHT"
expect "history has on and off" '[.[0][].state] | (index("on") != null and index("off") != null)'
check "GET /api/logbook" 200 "${AUTH[@]}" "$URL/api/logbook/$START?entity=$LIGHT"
expect "logbook has the turn_on" '[.[].state] | index("on") != null'
check "GET /api/error_log" 200 "${AUTH[@]}" "$URL/api/error_log"
check "POST /api/config/core/check_config" 200 "${AUTH[@]}" -X POST "$URL/api/config/core/check_config"
expect "config valid" '.result == "valid"'

check "GET /api/camera_proxy/camera.demo_camera" 200 "${AUTH[@]}" "$URL/api/camera_proxy/camera.demo_camera"
if file - <"$TMP/body" | grep -q 'JPEG image'; then ok "camera bytes are JPEG ($(wc -c <"$TMP/body") bytes)"; else bad "camera: $(file - <"$TMP/body")"; fi
check "GET /api/services" 200 "${AUTH[@]}" "$URL/api/services"
expect "services include script.hearth_echo and weather.get_forecasts" \
  '([.[] | select(.domain == "script")][0].services | has("hearth_echo")) and ([.[] | select(.domain == "weather")][0].services | has("get_forecasts"))'

# Service responses: REST ?return_response exists only from HA 2024.8; in 2024.3 use the WebSocket
# call_service with return_response (checked by ha_helper.py ws-call below).
check "POST /api/services/script/hearth_echo (REST, no response in 2024.3)" 200 "${AUTH[@]}" "${JSON[@]}" \
  -d '{"message":"hi"}' "$URL/api/services/script/hearth_echo?return_response"
PY="${HEARTH_CACHE_DIR:-$HOME/.cache/hearth}/ha-venv-$HEARTH_HA_VERSION/bin/python"
HELPER="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/ha_helper.py"
CAFILE=()
[[ -n "${HEARTH_HA_CA_CERT:-}" ]] && CAFILE=(--cafile "$HEARTH_HA_CA_CERT")
if "$PY" "$HELPER" ws-call --url "$URL" "${CAFILE[@]}" --token "$HEARTH_HA_TOKEN" \
     '{"type":"call_service","domain":"script","service":"hearth_echo","service_data":{"message":"hi"},"return_response":true}' >"$TMP/body"; then
  expect "ws script.hearth_echo response" '.response.echo == "hi" and .response.bed_light == "on"'
else
  bad "ws call_service script.hearth_echo"
fi
if "$PY" "$HELPER" ws-call --url "$URL" "${CAFILE[@]}" --token "$HEARTH_HA_TOKEN" \
     '{"type":"call_service","domain":"weather","service":"get_forecasts","service_data":{"type":"daily"},"target":{"entity_id":"weather.demo_weather_south"},"return_response":true}' >"$TMP/body"; then
  expect "ws weather.get_forecasts response" '.response["weather.demo_weather_south"].forecast | length > 0'
else
  bad "ws call_service weather.get_forecasts"
fi

# Error statuses.
check "bad token" 401 -H "Authorization: Bearer not-a-token" "$URL/api/states"
check "no token" 401 "$URL/api/states"
check "unknown entity" 404 "${AUTH[@]}" "$URL/api/states/light.does_not_exist"
check "unknown service" 400 "${AUTH[@]}" "${JSON[@]}" -d '{}' "$URL/api/services/light/does_not_exist"
check "unknown domain" 400 "${AUTH[@]}" "${JSON[@]}" -d '{}' "$URL/api/services/nope/nope"
check "bad JSON (service)" 400 "${AUTH[@]}" "${JSON[@]}" -d '{not json' "$URL/api/services/light/turn_on"
check "bad JSON (state)" 400 "${AUTH[@]}" "${JSON[@]}" -d '{not json' "$URL/api/states/sensor.hearth_test"
check "invalid service data" 400 "${AUTH[@]}" "${JSON[@]}" -d '{"entity_id":"light.bed_light","brightness":"very"}' "$URL/api/services/light/turn_on"
check "bad template" 400 "${AUTH[@]}" "${JSON[@]}" -d '{"template":"{{ states("}' "$URL/api/template"
if [[ -n "${HEARTH_HA_USER_TOKEN:-}" ]]; then
  USER_AUTH=(-H "Authorization: Bearer $HEARTH_HA_USER_TOKEN")
  check "non-admin GET /api/states" 200 "${USER_AUTH[@]}" "$URL/api/states"
  check "non-admin light.toggle" 200 "${USER_AUTH[@]}" "${JSON[@]}" -d "{\"entity_id\":\"$LIGHT\"}" "$URL/api/services/light/toggle"
  check "non-admin POST /api/states (admin only)" 401 "${USER_AUTH[@]}" "${JSON[@]}" -d '{"state":"1"}' "$URL/api/states/sensor.hearth_user_test"
  check "non-admin POST /api/events (admin only)" 401 "${USER_AUTH[@]}" "${JSON[@]}" -d '{}' "$URL/api/events/hearth_test_event"
  check "non-admin GET /api/error_log (admin only)" 401 "${USER_AUTH[@]}" "$URL/api/error_log"
  check "non-admin check_config (admin only)" 401 "${USER_AUTH[@]}" -X POST "$URL/api/config/core/check_config"
fi

echo "$PASS passed, $FAIL failed"
[[ $FAIL == 0 ]]
