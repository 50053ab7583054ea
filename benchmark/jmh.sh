#!/usr/bin/env bash
# JMH micro-benchmarks of the expression evaluator, the workflow runtime and the data nodes on many
# items (benchmark/README.md).
#
#   benchmark/jmh.sh                 all benchmarks, short settings (1 fork, 2 x 1 s warm-up, 3 x 1 s measured)
#   benchmark/jmh.sh --full          the settings in the annotations (1 fork, 3 x 2 s warm-up, 5 x 2 s measured)
#   benchmark/jmh.sh [--full] REGEX [JMH options...]   e.g. jmh.sh Expression -prof gc
#
# Builds target/hearth-jmh.jar when missing or older than the module's sources. It contains the
# hearth-expression / hearth-runtime jars from the local Maven repository: run `./mvnw install -DskipTests`
# (or ./hearth start) first so they are current. Prints JMH's table, then the per-node overhead of the runtime.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
cd "$ROOT"
. ./.mvn/select-jdk.sh
JAR=benchmark/target/hearth-jmh.jar

SHORT=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
if [ "${1:-}" = --full ]; then SHORT=(); shift; fi
if [ ! -f "$JAR" ] || [ -n "$(find benchmark/src benchmark/pom.xml -newer "$JAR" -print -quit)" ]; then
  echo "Building the benchmark module..." >&2
  ./mvnw -q -B -pl benchmark package -DskipTests
fi
RESULT=$(mktemp /tmp/hearth-jmh.XXXXXX.json)
trap 'rm -f "$RESULT"' EXIT

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs; $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
"$JAVA_HOME/bin/java" -jar "$JAR" "${SHORT[@]}" -rf json -rff "$RESULT" "$@"

python3 - "$RESULT" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
chain = {int(r["params"]["n"]): r["primaryMetric"]["score"] for r in rows
         if r["benchmark"].endswith("RuntimeBenchmark.noOpChain")}
ref = [r["primaryMetric"]["score"] for r in rows if r["benchmark"].endswith("RuntimeBenchmark.referenceWorkflow")]
if chain:
    print("\nRuntime alone (no HTTP, no database):")
    for n, s in sorted(chain.items()):
        print(f"  Manual Trigger -> {n:2d} x NoOp: {s:12.0f} executions/s = {1e6 / s:7.2f} us/execution")
    if 1 in chain and 10 in chain:
        per = (1e6 / chain[10] - 1e6 / chain[1]) / 9
        print(f"  per-node overhead: (t(10) - t(1)) / 9 = {per:.2f} us/node")
        print(f"  fixed cost of an execution (trigger + 1 node, less one node): {1e6 / chain[1] - per:.2f} us")
if ref:
    print(f"  reference workflow (Webhook -> Edit Fields -> Respond): {ref[0]:.0f} executions/s = {1e6 / ref[0]:.2f} us/execution"
          f" (at 3,700 executions/s on 2 cores an execution may cost {2e6 / 3700:.0f} us of CPU in all)")
PY

# The item pipeline's peak heap and retained memory (not something JMH measures), when it was selected.
if [ -z "${1:-}" ] || [[ "$1" == *Pipeline* ]]; then
  echo
  "$JAVA_HOME/bin/java" -Xmx1g -cp "$JAR" io.hearth.benchmark.jmh.ItemPipelineBenchmark
  echo "The same with a 256 MB heap (the 100k run must fit):"
  "$JAVA_HOME/bin/java" -Xmx256m -cp "$JAR" io.hearth.benchmark.jmh.ItemPipelineBenchmark 100000
fi
