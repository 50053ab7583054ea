#!/usr/bin/env bash
# Prints, one per line, the java arguments that launch a Spring Boot jar, using an AOT cache when it can:
#   scripts/aot-cache.sh JAR [JVM options the server will run with...]
#
# On JDK 25+ (JEP 483/514) the JVM can start from a cache of classes already loaded and linked by an earlier
# "training" run, which roughly halves Spring Boot's start-up. The cache needs the jar extracted (classes
# from plain jars on a fixed class path) and the same JVM options in training and production, so it lives in
# aot/<jar name>/<hash of jar and options>/ next to the jar and is made once per build and option set: a run
# that stops right after the application context is refreshed, on a throw-away data directory and a clean
# environment (never the user's database).
# Anything else (an older JDK, a failed training) falls back to plain "-jar JAR".
set -uo pipefail

JAR="$1"
shift
JAVA="${JAVA_HOME:?JAVA_HOME must point at the JDK}/bin/java"

plain() {
  printf '%s\n' -jar "$JAR"
  exit 0
}

major=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
[ "${major:-0}" -ge 25 ] 2>/dev/null || plain
[ "${HEARTH_AOT_CACHE:-on}" = off ] && plain

jar_dir=$(cd "$(dirname "$JAR")" && pwd)
key=$( { stat -c '%s %Y' "$JAR"; echo "$major $*"; } | sha256sum | cut -c1-16)
base="$jar_dir/aot/$(basename "$JAR" .jar)"
dir="$base/$key"
cache="$dir/app.aot"
app="$dir/ext/$(basename "$JAR")"

if [ ! -s "$cache" ] || [ ! -f "$app" ]; then
  rm -rf "$base"   # caches of earlier builds of this jar
  mkdir -p "$dir"
  echo "Preparing the start-up cache for this build (once, ~20 s)..." >&2
  train_data=$(mktemp -d)
  if "$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$dir/ext" > "$dir/train.log" 2>&1 \
    && env -i PATH="$PATH" HOME="$HOME" HEARTH_DATA_DIR="$train_data" HEARTH_ENCRYPTION_KEY=aot-training-run-throwaway-key \
       "$JAVA" "$@" -XX:AOTCacheOutput="$cache" -Dspring.context.exit=onRefresh --enable-native-access=ALL-UNNAMED \
       -jar "$app" --server.port=0 >> "$dir/train.log" 2>&1 \
    && [ -s "$cache" ]; then
    rm -rf "$train_data"
  else
    rm -rf "$train_data"
    echo "Could not prepare the start-up cache (see $dir/train.log); starting without it." >&2
    rm -f "$cache"
    plain
  fi
fi
printf '%s\n' "-XX:AOTCache=$cache" -jar "$app"
