#!/usr/bin/env bash
# A real Home Assistant core on 127.0.0.1 for Hearth's integration tests (no Docker, no browser).
#
#   ha-test-env.sh install                    venv with Home Assistant + every wheel our config needs
#   ha-test-env.sh start <state-dir> [port]   start (first time: configure, onboard, make tokens)
#   ha-test-env.sh stop <state-dir>           stop it (SIGTERM, then SIGKILL after a deadline)
#   ha-test-env.sh status <state-dir>         exit 0 if running and GET /api/ answers
#   ha-test-env.sh versions                   the supported lines, "<version> <python minor>" per line
#
# `start` returns only when the API answers with the admin token, the core state is RUNNING and
# every entity in scripts/ha/expected-entities.txt exists; it writes <state-dir>/ha.env
# (KEY=VALUE lines: HEARTH_HA_URL, HEARTH_HA_TOKEN, HEARTH_HA_USER_TOKEN, ...).
# A second `start` of the same state dir reuses its config, port, .storage and tokens.
#
# Environment:
#   HEARTH_CACHE_DIR   where the venv lives (default ~/.cache/hearth): ha-venv-<version>
#   HEARTH_HA_VERSION  the Home Assistant version: oldest (default, 2024.3.3), newest (2025.4.4), or an
#                      exact version (experiments; without a constraints-<version>.txt versions float)
#   HA_PYTHON          interpreter for the venv (default: found for the version, see find_python)
#   HA_TLS=1           (first start only) serve https with a self-signed cert for 127.0.0.1/localhost
#   HA_START_TIMEOUT   seconds to wait for readiness (default 180)
#   HA_STOP_TIMEOUT    seconds to wait after SIGTERM before SIGKILL (default 60)
set -euo pipefail

# The supported lines, tested in CI: the oldest (2024.3.x, the last line on Python 3.11) and the newest
# that installs here (2025.4.x on Python 3.13). Each has a verified lock file constraints-<version>.txt.
HA_OLDEST_VERSION=2024.3.3
HA_NEWEST_VERSION=2025.4.4
case "${HEARTH_HA_VERSION:-oldest}" in
  oldest|"") HA_VERSION=$HA_OLDEST_VERSION ;;
  newest) HA_VERSION=$HA_NEWEST_VERSION ;;
  *) HA_VERSION=$HEARTH_HA_VERSION ;;
esac
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HELPER="$SCRIPT_DIR/ha_helper.py"
TEMPLATE="$SCRIPT_DIR/configuration.yaml.in"
EXPECTED="$SCRIPT_DIR/expected-entities.txt"
LOCK_CONSTRAINTS="$SCRIPT_DIR/constraints-$HA_VERSION.txt"
CACHE_DIR="${HEARTH_CACHE_DIR:-$HOME/.cache/hearth}"
VENV="$CACHE_DIR/ha-venv-$HA_VERSION"
MARKER="$VENV/.hearth-install-complete"
INSTALL_LOG="$CACHE_DIR/ha-install-$HA_VERSION.log"
START_TIMEOUT="${HA_START_TIMEOUT:-180}"
STOP_TIMEOUT="${HA_STOP_TIMEOUT:-60}"
HOST=127.0.0.1

log() { echo "ha-test-env: $*" >&2; }
die() { echo "ha-test-env: ERROR: $*" >&2; exit 1; }

usage() {
  sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# ----------------------------------------------------------------------------------- install

# What the finished install depends on: a change to any of these re-runs the (idempotent) install.
install_fingerprint() {
  {
    echo "homeassistant==$HA_VERSION"
    cat "$TEMPLATE" "$HELPER"
    if [[ -f "$LOCK_CONSTRAINTS" ]]; then cat "$LOCK_CONSTRAINTS"; fi
  } | sha256sum | cut -d' ' -f1
}

installed() {
  [[ -f "$MARKER" && -x "$VENV/bin/hass" ]] && [[ "$(cat "$MARKER")" == "$(install_fingerprint)" ]]
}

pip_install() {
  # $@: pip install arguments. Output goes to the install log; its tail is shown on failure.
  if ! "$VENV/bin/python" -m pip install --disable-pip-version-check --no-input \
        --progress-bar off "$@" >>"$INSTALL_LOG" 2>&1; then
    tail -n 40 "$INSTALL_LOG" >&2
    die "pip install $* failed (full log: $INSTALL_LOG)"
  fi
}

venv_in_use() {
  local f
  for f in /proc/[0-9]*/cmdline; do
    [[ "$(tr '\0' ' ' <"$f" 2>/dev/null)" == *"$VENV/bin/hass "* ]] && return 0
  done
  return 1
}

# The Python minor version a Home Assistant line needs (HA supports only the newest two or three).
python_minor() {
  case "$1" in
    2024.[1-3].*) echo 3.11 ;;
    2024.*|2025.1.*) echo 3.12 ;;
    *) echo 3.13 ;;
  esac
}

# An interpreter for $HA_VERSION: HA_PYTHON, else python<minor> on the PATH, else pyenv's or the
# system's. Prints its path; dies with what to install when there is none.
find_python() {
  local minor cand
  minor="$(python_minor "$HA_VERSION")"
  if [[ -n "${HA_PYTHON:-}" ]]; then
    command -v "$HA_PYTHON" >/dev/null || die "HA_PYTHON=$HA_PYTHON not found"
    echo "$HA_PYTHON"
    return 0
  fi
  for cand in "python$minor" python3 "$HOME"/.pyenv/versions/"$minor".*/bin/python3 \
              /usr/local/bin/python"$minor" /usr/bin/python"$minor"; do
    # a pyenv shim exists for every installed version but fails unless that version is selected
    if command -v "$cand" >/dev/null 2>&1 \
       && [[ "$("$cand" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" == "$minor" ]]; then
      command -v "$cand"
      return 0
    fi
  done
  die "Home Assistant $HA_VERSION needs Python $minor: none found (python$minor, ~/.pyenv/versions/$minor.*). Install it or set HA_PYTHON."
}

cmd_install() {
  if installed; then
    return 0
  fi
  mkdir -p "$CACHE_DIR"
  exec 9>"$CACHE_DIR/.ha-install.lock"
  flock 9
  if installed; then  # another process finished it while we waited for the lock
    exec 9>&-
    return 0
  fi
  local started=$SECONDS py pyver
  py="$(find_python)"
  pyver="$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
  log "installing Home Assistant $HA_VERSION into $VENV (Python $pyver; log: $INSTALL_LOG)"
  : >"$INSTALL_LOG"
  rm -f "$MARKER"
  # Rebuild from scratch when the venv is broken or was made with other pinned versions;
  # otherwise (config template changed) add what is missing in place.
  local lock_sha="none"
  [[ -f "$LOCK_CONSTRAINTS" ]] && lock_sha="$(sha256sum "$LOCK_CONSTRAINTS" | cut -d' ' -f1)"
  if [[ -d "$VENV" ]] && { ! "$VENV/bin/python" -c 'import pip' >/dev/null 2>&1 \
       || [[ "$(cat "$VENV/.hearth-lock-sha" 2>/dev/null)" != "$lock_sha" ]]; }; then
    venv_in_use && die "$VENV must be rebuilt (new version lock) but a Home Assistant runs from it; stop it first"
    log "removing outdated or broken $VENV"
    rm -rf "$VENV"
  fi
  if [[ ! -d "$VENV" ]]; then
    "$py" -m venv "$VENV" >>"$INSTALL_LOG" 2>&1 || die "$py -m venv $VENV failed"
    echo "$lock_sha" >"$VENV/.hearth-lock-sha"
  fi

  local -a lock=()
  if [[ -f "$LOCK_CONSTRAINTS" ]]; then
    lock=(-c "$LOCK_CONSTRAINTS")
  else
    # No verified lock for this version: take HA's own package_constraints.txt from its wheel
    # before installing it (without them pip backtracks through many unpinned versions).
    log "warning: no $LOCK_CONSTRAINTS; using only HA's package_constraints.txt"
    local wheel_dir="$VENV/.ha-wheel"
    rm -rf "$wheel_dir"
    pip_install --quiet pip  # no-op; makes sure pip runs before 'pip download'
    "$VENV/bin/python" -m pip download --disable-pip-version-check --no-deps --only-binary=:all: \
      -d "$wheel_dir" "homeassistant==$HA_VERSION" >>"$INSTALL_LOG" 2>&1 \
      || die "cannot download homeassistant==$HA_VERSION (log: $INSTALL_LOG)"
    "$VENV/bin/python" - "$wheel_dir" <<'PY' || die "no package_constraints.txt in the homeassistant wheel"
import glob, sys, zipfile
whl = glob.glob(sys.argv[1] + "/homeassistant-*.whl")[0]
with zipfile.ZipFile(whl) as z, open(sys.argv[1] + "/package_constraints.txt", "wb") as out:
    out.write(z.read("homeassistant/package_constraints.txt"))
PY
    lock=(-c "$wheel_dir/package_constraints.txt")
  fi
  pip_install "homeassistant==$HA_VERSION" "${lock[@]}"

  # HA's own pins (homeassistant/package_constraints.txt) for its dependencies and, as HA itself
  # would do at start, for the integration requirements.
  local ha_constraints reqs
  ha_constraints="$("$VENV/bin/python" -c 'import homeassistant, os; print(os.path.join(os.path.dirname(homeassistant.__file__), "package_constraints.txt"))')"
  pip_install "homeassistant==$HA_VERSION" -c "$ha_constraints" "${lock[@]}"
  reqs="$("$VENV/bin/python" "$HELPER" requirements --template "$TEMPLATE")" \
    || die "could not compute integration requirements"
  log "integration requirements: ${reqs//$'\n'/ }"
  # shellcheck disable=SC2086  # one requirement per word
  pip_install $reqs -c "$ha_constraints" "${lock[@]}"
  "$VENV/bin/python" -m pip check >>"$INSTALL_LOG" 2>&1 || log "warning: pip check reports conflicts (see $INSTALL_LOG)"
  "$VENV/bin/python" "$HELPER" check-imports --template "$TEMPLATE" >>"$INSTALL_LOG" 2>&1 \
    || { tail -n 30 "$INSTALL_LOG" >&2; die "an integration does not import (missing wheel?); log: $INSTALL_LOG"; }
  "$VENV/bin/hass" --version >/dev/null || die "hass does not run"

  install_fingerprint >"$MARKER"
  log "install finished in $((SECONDS - started)) s"
  exec 9>&-
}

# ----------------------------------------------------------------------------------- helpers

abs_dir() {
  mkdir -p "$1"
  (cd "$1" && pwd)
}

check_path() {
  [[ "$1" =~ ^[A-Za-z0-9_./+-]+$ ]] || die "path '$1' has characters ha.env cannot carry unquoted; use a plain path"
}

# Is $1 a live (non-zombie) Home Assistant started from config dir $2?
is_our_hass() {
  local pid=$1 config=$2 cmdline state
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)"
  [[ "$state" != Z ]] || return 1
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline")"
  [[ "$cmdline" == *hass* && "$cmdline" == *"$config"* ]]
}

read_pid() {
  [[ -f "$1/ha.pid" ]] && cat "$1/ha.pid" || true
}

# settings.env (port, scheme, cert) and tokens.env are written once, on the first start.
load_state() {
  local state=$1
  PORT="" SCHEME="" CA_CERT="" HEARTH_HA_TOKEN="" HEARTH_HA_USER_TOKEN=""
  # shellcheck disable=SC1091
  [[ -f "$state/settings.env" ]] && source "$state/settings.env"
  # shellcheck disable=SC1091
  [[ -f "$state/tokens.env" ]] && source "$state/tokens.env"
  URL="$SCHEME://$HOST:$PORT"
}

helper() { "$VENV/bin/python" "$HELPER" "$@"; }

cafile_args() { [[ -n "${CA_CERT:-}" ]] && printf -- '--cafile\n%s\n' "$CA_CERT" || true; }

write_env() {
  local state=$1 pid=$2 f="$1/ha.env"
  {
    echo "HEARTH_HA_URL=$URL"
    echo "HEARTH_HA_WS_URL=${URL/http/ws}/api/websocket"
    echo "HEARTH_HA_SCHEME=$SCHEME"
    echo "HEARTH_HA_HOST=$HOST"
    echo "HEARTH_HA_PORT=$PORT"
    echo "HEARTH_HA_TOKEN=$HEARTH_HA_TOKEN"
    [[ -n "${HEARTH_HA_USER_TOKEN:-}" ]] && echo "HEARTH_HA_USER_TOKEN=$HEARTH_HA_USER_TOKEN"
    grep -E '^HEARTH_HA_(OWNER|USER)_(USERNAME|PASSWORD)=' "$state/tokens.env" || true
    echo "HEARTH_HA_PID=$pid"
    echo "HEARTH_HA_VERSION=$HA_VERSION"
    echo "HEARTH_HA_STATE_DIR=$state"
    echo "HEARTH_HA_CONFIG_DIR=$state/config"
    echo "HEARTH_HA_LOG=$state/ha.log"
    [[ -n "${CA_CERT:-}" ]] && echo "HEARTH_HA_CA_CERT=$CA_CERT"
  } >"$f.tmp"
  chmod 600 "$f.tmp"
  mv "$f.tmp" "$f"
}

show_logs() {
  local state=$1
  echo "----- tail of $state/ha.log -----" >&2
  tail -n 60 "$state/ha.log" >&2 2>/dev/null || true
  echo "----- tail of $state/hass.out -----" >&2
  tail -n 20 "$state/hass.out" >&2 2>/dev/null || true
}

make_cert() {
  local state=$1
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -sha256 \
    -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$state/tls-key.pem" -out "$state/tls-cert.pem" >/dev/null 2>&1 \
    || die "openssl could not make a self-signed certificate"
  chmod 600 "$state/tls-key.pem"
}

# ----------------------------------------------------------------------------------- start

cmd_start() {
  [[ $# -ge 1 && $# -le 2 ]] || usage
  local state want_port="${2:-}" started=$SECONDS first=0 pid
  state="$(abs_dir "$1")"
  check_path "$state"
  [[ -z "$want_port" || "$want_port" =~ ^[0-9]+$ ]] || die "port must be a number: $want_port"
  local config="$state/config"

  pid="$(read_pid "$state")"
  if is_our_hass "$pid" "$config"; then
    load_state "$state"
    [[ -z "$want_port" || "$want_port" == "$PORT" ]] || die "$state is running on port $PORT, not $want_port"
    log "already running (pid $pid) at $URL"
    # shellcheck disable=SC2046
    helper wait-ready --url "$URL" $(cafile_args) --pid "$pid" --log "$state/ha.log" \
      --timeout "$START_TIMEOUT" --token "$HEARTH_HA_TOKEN" --expected "$EXPECTED" \
      || { show_logs "$state"; die "running Home Assistant is not ready"; }
    write_env "$state" "$pid"
    return 0
  fi
  rm -f "$state/ha.pid"

  cmd_install

  if [[ -d "$config" && ! -f "$state/tokens.env" ]]; then
    log "previous first start of $state did not finish; configuring it afresh"
    rm -rf "$config" "$state/settings.env"
  fi

  if [[ ! -d "$config" ]]; then
    first=1
    local port="$want_port" scheme=http cert=""
    [[ -n "$port" ]] || port="$(helper free-port)"
    if [[ "${HA_TLS:-0}" == 1 ]]; then
      scheme=https
      make_cert "$state"
      cert="$state/tls-cert.pem"
    fi
    mkdir -p "$config.tmp/.storage"
    local -a tls=()
    [[ -n "$cert" ]] && tls=(--cert "$cert" --key "$state/tls-key.pem")
    helper write-config --template "$TEMPLATE" --config-dir "$config.tmp" --port "$port" "${tls[@]}"
    # Mark the onboarding step "core_config" done up front: finishing it through the API would
    # also start config flows for met, radio_browser, google_translate and shopping_list, which
    # reach the internet. The other steps (user, analytics, integration) go through the API.
    cat >"$config.tmp/.storage/onboarding" <<'EOF'
{"version": 4, "minor_version": 1, "key": "onboarding", "data": {"done": ["core_config"]}}
EOF
    mv "$config.tmp" "$config"
    printf 'PORT=%s\nSCHEME=%s\nCA_CERT=%s\n' "$port" "$scheme" "$cert" >"$state/settings.env"
  fi

  load_state "$state"
  [[ -n "$PORT" && -n "$SCHEME" ]] || die "$state/settings.env is missing or broken; delete $state and start again"
  if [[ -n "$want_port" && "$want_port" != "$PORT" ]]; then
    die "$state was set up for port $PORT, not $want_port (tokens and URLs depend on it)"
  fi
  helper port-free "$PORT" || die "cannot start Home Assistant on $HOST:$PORT"

  log "starting Home Assistant $HA_VERSION at $URL (state: $state)"
  # setsid: HA gets its own session, so a terminal's Ctrl-C or hangup does not reach it.
  setsid "$VENV/bin/hass" -c "$config" --skip-pip --log-file "$state/ha.log" --log-no-color \
    >"$state/hass.out" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$state/ha.pid"

  local ok=1
  if [[ $first == 1 ]]; then
    # shellcheck disable=SC2046
    helper first-setup --url "$URL" $(cafile_args) --pid "$pid" --log "$state/ha.log" \
      --timeout "$START_TIMEOUT" --expected "$EXPECTED" --tokens-out "$state/tokens.env" || ok=0
    load_state "$state"
  else
    [[ -n "$HEARTH_HA_TOKEN" ]] || die "no token in $state/tokens.env"
    # shellcheck disable=SC2046
    helper wait-ready --url "$URL" $(cafile_args) --pid "$pid" --log "$state/ha.log" \
      --timeout "$START_TIMEOUT" --token "$HEARTH_HA_TOKEN" --expected "$EXPECTED" || ok=0
  fi
  if [[ $ok == 0 ]]; then
    show_logs "$state"
    stop_pid "$state" "$pid" >/dev/null 2>&1 || true
    die "Home Assistant did not become ready (state: $state)"
  fi
  write_env "$state" "$pid"
  log "ready after $((SECONDS - started)) s: $URL (pid $pid); env: $state/ha.env"
}

# ----------------------------------------------------------------------------------- stop/status

stop_pid() {
  local state=$1 pid=$2 config="$1/config" waited=0
  if ! is_our_hass "$pid" "$config"; then
    rm -f "$state/ha.pid"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  while is_our_hass "$pid" "$config"; do
    if ((waited >= STOP_TIMEOUT * 10)); then
      log "pid $pid still running after ${STOP_TIMEOUT}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      waited=0
      while is_our_hass "$pid" "$config" && ((waited < 100)); do sleep 0.1; waited=$((waited + 1)); done
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  is_our_hass "$pid" "$config" && die "could not stop pid $pid"
  rm -f "$state/ha.pid"
}

cmd_stop() {
  [[ $# -eq 1 ]] || usage
  local state pid
  [[ -d "$1" ]] || { log "no state dir $1; nothing to stop"; return 0; }
  state="$(abs_dir "$1")"
  pid="$(read_pid "$state")"
  if ! is_our_hass "$pid" "$state/config"; then
    rm -f "$state/ha.pid"
    log "not running ($state)"
    return 0
  fi
  stop_pid "$state" "$pid"
  log "stopped pid $pid ($state)"
}

cmd_status() {
  [[ $# -eq 1 ]] || usage
  local state pid
  [[ -d "$1" ]] || die "no state dir $1"
  state="$(abs_dir "$1")"
  pid="$(read_pid "$state")"
  is_our_hass "$pid" "$state/config" || { log "not running ($state)"; return 1; }
  load_state "$state"
  [[ -x "$VENV/bin/python" ]] || die "venv $VENV missing"
  # shellcheck disable=SC2046
  if helper status --url "$URL" $(cafile_args) --token "$HEARTH_HA_TOKEN"; then
    log "running (pid $pid) at $URL"
  else
    return 1
  fi
}

case "${1:-}" in
  install) shift; [[ $# -eq 0 ]] || usage; cmd_install; log "installed: $VENV" ;;
  versions) shift; for v in "$HA_OLDEST_VERSION" "$HA_NEWEST_VERSION"; do echo "$v $(python_minor "$v")"; done ;;
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  status) shift; cmd_status "$@" ;;
  *) usage ;;
esac
