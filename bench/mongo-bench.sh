#!/usr/bin/env bash
# Inserts/s and finds/s at 1 and 64 concurrent tasks: asyncio4j-mongo vs the official
# reactive-streams driver, against an in-process mongo-java-server (or the URI given).
# Usage: bench/mongo-bench.sh [mongodb://host:port] [ops-per-measurement] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -pl bench -am package -DskipTests
JAVA="$(bench/java25.sh)"   # the JDK the build's toolchain chose
"$JAVA" --add-opens java.base/java.lang=ALL-UNNAMED -Xss1m \
  -cp "bench/target/asyncio4j-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
  io.asyncio4j.bench.mongo.MongoBench "${1:-inproc}" "${2:-20000}" "${3:-3}"
