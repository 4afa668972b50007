#!/usr/bin/env bash
# Prints the path of a `java` launcher of JDK 25+: the one Maven's toolchain chose for this build
# (recorded by asyncio4j-cli in target/jdk-settings.txt, built here if missing), so benchmark
# scripts run on exactly the JDK the build and ./aio use, with no machine path written down.
# Sourced or run: `JAVA="$(bench/java25.sh)"`. $JAVA25 overrides.
set -euo pipefail
if [ -n "${JAVA25:-}" ]; then echo "$JAVA25"; exit 0; fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
settings="$root/asyncio4j-cli/target/jdk-settings.txt"
if [ ! -f "$settings" ]; then
  (cd "$root" && mvn -q -B -DskipTests package -pl asyncio4j-cli -am) >&2
fi
home="$(sed -n 's/^ *java\.home = //p' "$settings" | head -n 1)"
[ -n "$home" ] && [ -x "$home/bin/java" ] || { echo "java25.sh: no JDK recorded in $settings" >&2; exit 1; }
echo "$home/bin/java"
