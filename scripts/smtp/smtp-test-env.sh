#!/usr/bin/env bash
# A real SMTP server for Hearth's tests: aiosmtpd (PyPI) in a cached virtualenv, storing what it receives
# in a Maildir that the tests read.
#
#   smtp-test-env.sh install          the venv (idempotent; prints its python)
#   smtp-test-env.sh python           the venv's python, installing first if needed
#
# The server itself (smtp_test_server.py) is started by the tests (test-support's RealSmtpServer) with
# its ports, certificate and Maildir; see that script's --help.
#
# Environment:
#   HEARTH_CACHE_DIR   where the venv lives (default ~/.cache/hearth): smtp-venv-<aiosmtpd version>
#   SMTP_PYTHON        interpreter for the venv (default: python3)
set -euo pipefail

AIOSMTPD_VERSION=1.4.6
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE_DIR="${HEARTH_CACHE_DIR:-$HOME/.cache/hearth}"
VENV="$CACHE_DIR/smtp-venv-$AIOSMTPD_VERSION"
MARKER="$VENV/.hearth-install-complete"
INSTALL_LOG="$CACHE_DIR/smtp-install-$AIOSMTPD_VERSION.log"

die() { echo "smtp-test-env: ERROR: $*" >&2; exit 1; }

fingerprint() {
  { echo "aiosmtpd==$AIOSMTPD_VERSION"; cat "$SCRIPT_DIR/constraints.txt"; } | sha256sum | cut -d' ' -f1
}

install() {
  if [[ -f "$MARKER" && "$(cat "$MARKER")" == "$(fingerprint)" && -x "$VENV/bin/python" ]]; then
    return 0
  fi
  mkdir -p "$CACHE_DIR"
  local python="${SMTP_PYTHON:-python3}"
  command -v "$python" >/dev/null || die "no $python on the PATH (set SMTP_PYTHON to a Python 3.8+ interpreter)"
  echo "smtp-test-env: installing aiosmtpd $AIOSMTPD_VERSION into $VENV" >&2
  rm -rf "$VENV"
  "$python" -m venv "$VENV" >>"$INSTALL_LOG" 2>&1 || { tail -n 20 "$INSTALL_LOG" >&2; die "python -m venv failed (log: $INSTALL_LOG)"; }
  if ! "$VENV/bin/python" -m pip install --disable-pip-version-check --no-input --progress-bar off \
        -c "$SCRIPT_DIR/constraints.txt" "aiosmtpd==$AIOSMTPD_VERSION" >>"$INSTALL_LOG" 2>&1; then
    tail -n 30 "$INSTALL_LOG" >&2
    die "pip install aiosmtpd failed (log: $INSTALL_LOG)"
  fi
  fingerprint >"$MARKER"
}

case "${1:-}" in
  install) install; echo "$VENV/bin/python" ;;
  python) install; echo "$VENV/bin/python" ;;
  *) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
