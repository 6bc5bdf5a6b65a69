#!/usr/bin/env bash
# Runs the benchmarks of docs/performance.md and prints their figures as Markdown tables.
#
#   ./mvnw -B -q -DskipTests install        # once, from the repository root
#   benchmarks/run.sh latency    [--rtt-ms=20] [--parallelism=8,24] [--warm=100] [--cold=30] [--jvm="..."]
#   benchmarks/run.sh throughput [--concurrency=16,200] [--rate=1000] [--warmup-s=10] [--measure-s=20] [--jvm="..."]
#   benchmarks/run.sh footprint  [--runs=3] [--idle-s=5] [--load-s=10] [--container-memory=100] [--container-cpus=1] [--only="shipped;shipped + AppCDS"]
#   benchmarks/run.sh rotation   [--pods=50] [--service-accounts=5] [--rounds=60] [--interval-s=60] [--cache=off,1m,5m,5m+revalidate,15m]
#   benchmarks/run.sh jmh        [JMH options, e.g. -f 1 -wi 3 -i 5]
#   benchmarks/run.sh all
#
# The socket-level benchmarks start ascp-csi-grpc/target/ascp-provider.jar as a separate process
# (--jar=PATH for another one) with the JVM of this script (JAVA_HOME, else java on the PATH).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
classes="benchmarks/target/classes"
cpfile="benchmarks/target/classpath.txt"
if [[ ! -f "$cpfile" || ! -d "$classes" || ! -f ascp-csi-grpc/target/ascp-provider.jar ]]; then
  echo "Build first, from $root: ./mvnw -B -q -DskipTests install" >&2
  exit 1
fi
cp="$classes:$(cat "$cpfile")"
# The load driver's own JVM: a fixed heap, so that its GC does not vary between runs.
driver_opts=(-Xms256m -Xmx256m -XX:+UseParallelGC)

what="${1:-}"
shift || true
case "$what" in
  latency) exec "$java" "${driver_opts[@]}" -cp "$cp" io.ascp.benchmarks.MountLatencyBenchmark "$@" ;;
  throughput) exec "$java" "${driver_opts[@]}" -cp "$cp" io.ascp.benchmarks.ThroughputBenchmark "$@" ;;
  footprint) exec "$java" "${driver_opts[@]}" -cp "$cp" io.ascp.benchmarks.FootprintBenchmark "$@" ;;
  rotation) exec "$java" "${driver_opts[@]}" -cp "$cp" io.ascp.benchmarks.RotationCallsBenchmark "$@" ;;
  jmh) exec "$java" -cp "$cp" org.openjdk.jmh.Main io.ascp.benchmarks.jmh "$@" ;;
  all)
    "$0" latency
    "$0" throughput
    "$0" footprint
    "$0" rotation
    "$0" jmh
    ;;
  *)
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
