#!/usr/bin/env bash
# Installs schemathesis (PyPI) into its own virtualenv under ~/.cache/hearth and prints the path of its `st`
# command. Idempotent: a second run only prints the path. Used by .ci/run and by SchemathesisIT.
set -euo pipefail
VERSION="${HEARTH_SCHEMATHESIS_VERSION:-4.32.5}"
ROOT="${HEARTH_CACHE_DIR:-$HOME/.cache/hearth}"
VENV="$ROOT/schemathesis-$VERSION"
if [ ! -x "$VENV/bin/st" ]; then
  mkdir -p "$ROOT"
  PY=""
  for p in python3 python3.13 python3.12 python3.11 python3.10; do
    if "$p" -c 'import sys, venv; sys.exit(0 if sys.version_info >= (3, 9) else 1)' >/dev/null 2>&1; then PY="$p"; break; fi
  done
  [ -n "$PY" ] || { echo "schemathesis needs Python >= 3.9 with venv" >&2; exit 1; }
  "$PY" -m venv "$VENV.tmp" >&2
  "$VENV.tmp/bin/pip" install -q --disable-pip-version-check "schemathesis==$VERSION" >&2
  rm -rf "$VENV"
  mv "$VENV.tmp" "$VENV"
  # the venv's scripts carry the path they were created at
  sed -i "s|$VENV.tmp|$VENV|g" "$VENV"/bin/* 2>/dev/null || true
fi
echo "$VENV/bin/st"
