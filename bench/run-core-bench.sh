#!/usr/bin/env bash
# Core micro benchmarks, side by side: asyncio4j (JDK 25) vs Python asyncio vs uvloop.
#
# Same workloads in bench/src/main/java/io/asyncio4j/bench/core/CoreBench.java and
# bench/python/core_bench.py: task spawn+complete, ping-pong switch through futures,
# 100,000 sleeping tasks (heap per task, timer lateness), gather of 10,000 tasks.
#
# Usage: bench/run-core-bench.sh [--rounds N] [--pin CPU] [--no-build] [--quick] [-- extra args for both]
#   --rounds N   run the three implementations N times, alternating their order (default 3);
#                every number in the table is the median over rounds of each run's median
#   --pin CPU    run every benchmark process under `taskset -c CPU`
#   --no-build   do not run Maven first
#   --quick      fewer repetitions (smoke test; numbers are not meaningful)
# Environment: JAVA_HOME (checked first), PYTHON (default /usr/bin/python3), MVN (default mvn),
#   JAVA_OPTS (extra JVM flags).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
PYTHON="${PYTHON:-/usr/bin/python3}"
MVN="${MVN:-mvn}"
ROUNDS=3
PIN=""
BUILD=1
QUICK=0
EXTRA=()

while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) ROUNDS="$2"; shift 2 ;;
        --pin) PIN="$2"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        --quick) QUICK=1; shift ;;
        --) shift; EXTRA=("$@"); break ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done

# ---------------------------------------------------------------- JDK 25: the one the build uses

JAVA="$("$ROOT/bench/java25.sh")"   # the JDK the build's toolchain chose

if [ "$BUILD" = 1 ]; then
    echo "building: (cd $ROOT && $MVN -q -DskipTests package -pl bench -am)" >&2
    # The first packaging after the core changed can fail in maven-jar-plugin ("Could not create
    # modular JAR file": Maven's own JDK 17 jar tool reads Java 25 classes); a second run finds the
    # JARs up to date. Only target/classes is used here, so retry once.
    (cd "$ROOT" && "$MVN" -q -DskipTests package -pl bench -am) >&2 \
        || { echo "build failed; retrying once" >&2; (cd "$ROOT" && "$MVN" -q -DskipTests package -pl bench -am) >&2; }
fi
CP="$ROOT/bench/target/classes:$ROOT/asyncio4j-core/target/classes"
[ -f "$ROOT/bench/target/classes/io/asyncio4j/bench/core/CoreBench.class" ] || {
    echo "CoreBench is not built; run without --no-build" >&2; exit 1; }

HAVE_UVLOOP=1
"$PYTHON" -c 'import uvloop' 2>/dev/null || {
    HAVE_UVLOOP=0
    echo "warning: $PYTHON has no uvloop (apt-get install -y python3-uvloop); skipping uvloop" >&2
}

TASKSET=()
if [ -n "$PIN" ]; then
    TASKSET=(taskset -c "$PIN")
fi

JAVA_FLAGS=(--add-opens java.base/java.lang=ALL-UNNAMED -Xms1g -Xmx1g)
# shellcheck disable=SC2206
[ -n "${JAVA_OPTS:-}" ] && JAVA_FLAGS+=(${JAVA_OPTS})
JAVA_ARGS=()
PY_ARGS=()
if [ "$QUICK" = 1 ]; then
    JAVA_ARGS=(--warmup 2 --reps 2 --gather-reps 3 --sleepers 20000)
    PY_ARGS=(--warmup 1 --reps 2 --gather-reps 3 --sleepers 20000)
fi
JAVA_CMD=("${TASKSET[@]}" "$JAVA" "${JAVA_FLAGS[@]}" -cp "$CP" io.asyncio4j.bench.core.CoreBench
          "${JAVA_ARGS[@]}" "${EXTRA[@]}")
ASYNCIO_CMD=("${TASKSET[@]}" "$PYTHON" "$HERE/python/core_bench.py" "${PY_ARGS[@]}" "${EXTRA[@]}")
UVLOOP_CMD=("${ASYNCIO_CMD[@]}" --uvloop)

OUT_DIR="$ROOT/bench/target"
mkdir -p "$OUT_DIR"
RAW="$OUT_DIR/core-bench-$(date +%Y%m%d-%H%M%S).txt"
: > "$RAW"

run_one() { # name, command...
    local name="$1"; shift
    echo "== round $round: $name: $*" >&2
    echo "ROUND $round $name" >> "$RAW"
    "$@" 2> >(grep -v '^\s*at \|running at' >&2) | tee -a "$RAW" >&2
}

echo "JDK: $JAVA ($("$JAVA" -version 2>&1 | head -1))" >&2
for round in $(seq 1 "$ROUNDS"); do
    # Alternate the order so that no implementation always runs first (or after the same one).
    case $(( (round - 1) % 3 )) in
        0) order="java asyncio uvloop" ;;
        1) order="asyncio uvloop java" ;;
        2) order="uvloop java asyncio" ;;
    esac
    for impl in $order; do
        case "$impl" in
            java) run_one asyncio4j "${JAVA_CMD[@]}" ;;
            asyncio) run_one asyncio "${ASYNCIO_CMD[@]}" ;;
            uvloop) [ "$HAVE_UVLOOP" = 1 ] && run_one uvloop "${UVLOOP_CMD[@]}" ;;
        esac
    done
done

echo "raw results: $RAW" >&2
echo
{
    echo "- machine: $(uname -srm), $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//'), $(nproc) CPUs${PIN:+, pinned to CPU $PIN}"
    echo "- java: $("$JAVA" -version 2>&1 | head -1), flags: ${JAVA_FLAGS[*]}"
    echo "- python: $("$PYTHON" --version 2>&1)$( [ "$HAVE_UVLOOP" = 1 ] && "$PYTHON" -c 'import uvloop; print(", uvloop", uvloop.__version__)')"
    echo "- rounds: $ROUNDS; each cell is the median over rounds of the per-run median"
    echo
} 
"$PYTHON" "$HERE/python/core_table.py" "$RAW"
