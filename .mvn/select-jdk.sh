# Sourced by ./mvnw, .ci/run and the scripts in bin/: makes JAVA_HOME point at a JDK >= 21.
# Hearth compiles with --release 21; the machine's default `java` may be older (17 here),
# so an older JAVA_HOME/PATH java is replaced by the newest JDK found in the usual places.
# POSIX sh (mvnw is /bin/sh).

hearth_jdk_major() {
  # $1 = JDK home; prints the major version from its `release` file (empty if none)
  [ -f "$1/release" ] || return 0
  sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1
}

hearth_select_jdk() {
  hearth_min=21
  hearth_current=""
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    hearth_current="$JAVA_HOME"
  elif command -v javac >/dev/null 2>&1; then
    hearth_current=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  fi
  if [ -n "$hearth_current" ]; then
    hearth_v=$(hearth_jdk_major "$hearth_current")
    if [ -n "$hearth_v" ] && [ "$hearth_v" -ge "$hearth_min" ]; then
      JAVA_HOME="$hearth_current"; export JAVA_HOME
      return 0
    fi
  fi
  hearth_best=""; hearth_best_v=0
  case $- in *f*) hearth_noglob=1; set +f ;; *) hearth_noglob=0 ;; esac  # mvnw runs with `set -f`
  for hearth_dir in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$hearth_dir/bin/javac" ] || continue
    hearth_v=$(hearth_jdk_major "$hearth_dir")
    [ -n "$hearth_v" ] || continue
    if [ "$hearth_v" -ge "$hearth_min" ] && [ "$hearth_v" -gt "$hearth_best_v" ]; then
      hearth_best="$hearth_dir"; hearth_best_v="$hearth_v"
    fi
  done
  [ "$hearth_noglob" = 1 ] && set -f
  if [ -z "$hearth_best" ]; then
    echo "Hearth needs a JDK >= $hearth_min; none found (JAVA_HOME=${JAVA_HOME-unset}, searched /usr/lib/jvm, /opt/java). Install one (e.g. Temurin 21+) or set JAVA_HOME." >&2
    return 1
  fi
  JAVA_HOME="$hearth_best"; export JAVA_HOME
  PATH="$JAVA_HOME/bin:$PATH"; export PATH
}

hearth_select_jdk
