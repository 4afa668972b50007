#!/usr/bin/env bash
# Client requests/s: asyncio4j ClientSession vs aiohttp ClientSession (asyncio and uvloop loops),
# same server (aiohttp.web + uvloop, or Netty's peer if built), same concurrency, keep-alive.
# usage: bench/scripts/httpclient-bench.sh [SECONDS] [CONCURRENCY...]
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-8}; shift || true
levels=("${@:-1 50}")
[ -f bench/target/asyncio4j-bench-0.1.0-SNAPSHOT.jar ] || mvn -q -DskipTests package -pl bench -am
java="$(bench/java25.sh)"
netty=${NETTY_PEER:-../shared/bench/peers/netty/target/netty-peer.jar}
if [ -f "$netty" ]; then
  port=18089; "$java" -jar "$netty" http $port & srv=$!; sleep 3; path=/plaintext; server="netty-peer"
else
  coproc SRV { exec /usr/bin/python3 bench/scripts/httpclient_server.py 0; }
  srv=$SRV_PID; read -r line <&"${SRV[0]}"; port=${line#PORT }; path=/; server="aiohttp.web+uvloop"
fi
echo "server: $server"
trap 'kill $srv' EXIT
url="http://127.0.0.1:$port$path"
for c in ${levels[@]}; do
  "$java" --add-opens java.base/java.lang=ALL-UNNAMED -cp 'bench/target/asyncio4j-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*' \
      io.asyncio4j.bench.httpclient.HttpClientBench "$url" "$c" "$secs" 3
  /usr/bin/python3 bench/scripts/httpclient_aiohttp.py "$url" "$c" "$secs" 3
  /usr/bin/python3 bench/scripts/httpclient_aiohttp.py "$url" "$c" "$secs" 3 uvloop
done
