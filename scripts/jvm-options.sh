#!/usr/bin/env bash
# Prints the JVM options of jvm.options (repository root), one per line, comments and blank lines left out,
# followed by the words of $JAVA_OPTS (so they override). Used by ./hearth start and ./hearth bench; the Docker
# image passes the file to java as @jvm.options.
set -euo pipefail
file="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/jvm.options"
sed -e 's/#.*//' "$file" | tr -s ' \t' '\n\n' | sed '/^$/d'
if [ -n "${JAVA_OPTS:-}" ]; then
  # shellcheck disable=SC2086
  printf '%s\n' $JAVA_OPTS
fi
