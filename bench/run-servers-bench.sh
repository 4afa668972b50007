#!/usr/bin/env bash
# Runs ../shared/bench/compare.sh with asyncio4j's servers beside the peers, in one invocation per
# mode, so every ratio in docs/benchmarks.md comes from servers measured in the same run.
#   bench/run-servers-bench.sh [echo|http|ws|all] [extra compare.sh options...]
# KIT=DIR picks the bench kit (default ../shared/bench; it needs bin/ and, for Netty, build.sh --netty:
# copy it somewhere writable first if shared/ is read-only).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kit="${KIT:-$root/../shared/bench}"
mode="${1:-all}"; shift || true
java="$("$root/bench/java25.sh")"
[ -f "$root/bench/target/asyncio4j-bench-0.1.0-SNAPSHOT.jar" ] || (cd "$root" && mvn -q -B -DskipTests package -pl bench -am)
cp="$root/bench/target/asyncio4j-bench-0.1.0-SNAPSHOT.jar:$root/bench/target/lib/*"
ours="$java --add-opens java.base/java.lang=ALL-UNNAMED -cp '$cp'"
export JAVA="$java"   # the Netty peer runs on the same JDK

if [ "$mode" = echo ] || [ "$mode" = all ]; then
  "$kit/compare.sh" echo "$@" \
    "asyncio4j-protocol=$ours io.asyncio4j.bench.EchoServer --mode protocol {port}" \
    "asyncio4j-streams=$ours io.asyncio4j.bench.EchoServer --mode streams {port}" \
    uvloop-protocol uvloop-streams asyncio-protocol asyncio-streams netty-nio=netty-echo
fi
if [ "$mode" = http ] || [ "$mode" = all ]; then
  for pipeline in 1 16; do
    "$kit/compare.sh" http --pipeline "$pipeline" "$@" \
      "asyncio4j=$ours io.asyncio4j.bench.http.HttpBenchServer http {port}" netty-nio=netty-http aiohttp-uvloop
  done
fi
if [ "$mode" = ws ] || [ "$mode" = all ]; then
  "$kit/compare.sh" ws "$@" \
    "asyncio4j=$ours io.asyncio4j.bench.http.HttpBenchServer ws {port}" netty-nio=netty-ws aiohttp websockets
fi
