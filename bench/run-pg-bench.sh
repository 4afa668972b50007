#!/usr/bin/env bash
# PostgreSQL client benchmarks, side by side on one throwaway server:
#   asyncio4j-postgres (io.asyncio4j.bench.postgres.PgBench, one event loop),
#   asyncpg (bench/pg_bench_asyncpg.py, one asyncio loop, Debian's python3-asyncpg),
#   pgjdbc 42.7 on virtual threads (io.asyncio4j.bench.postgres.PgJdbcBench).
# Starts a cluster the way the tests' PgTestServer does (initdb + pg_ctl on a free port in a
# temporary directory, run as an unprivileged user when we are root), prints a Markdown table
# with the ratios, and stops the cluster.
#
#   bench/run-pg-bench.sh [SECONDS_PER_WORKLOAD]   (default 3)
# env: PG_BENCH_ROUNDS (default 3; the table keeps each client's best round), PG_BENCH_SKIP_BUILD=1 skips mvn.
# The rounds interleave the clients so that a busy moment on a shared machine does not favour one.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-3}"

bin="$(pg_config --bindir 2>/dev/null || true)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
fi
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install -y postgresql)" >&2; exit 2; }
/usr/bin/python3 -c "import asyncpg" 2>/dev/null || { echo "asyncpg missing (apt-get install -y python3-asyncpg)" >&2; exit 2; }

java="$("$(dirname "$0")/java25.sh")"   # the JDK the build's toolchain chose

base="$(mktemp -d /tmp/asyncio4j-pgbench-XXXXXX)"
run_as=()
if [ "$(id -u)" = 0 ]; then
  user=postgres; id -u postgres >/dev/null 2>&1 || user=nobody
  chown -R "$user" "$base"
  run_as=(runuser -u "$user" --)
fi
chmod 711 "$base"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
stop() {
  "${run_as[@]}" "$bin/pg_ctl" -D "$base/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$base"
}
trap stop EXIT
"${run_as[@]}" "$bin/initdb" -D "$base/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >/dev/null
"${run_as[@]}" "$bin/pg_ctl" -D "$base/data" -l "$base/server.log" -w -t 60 -o "-p $port -k $base \
  -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
  -c max_connections=100 -c shared_buffers=64MB" start >/dev/null
dsn="postgresql://postgres@127.0.0.1:$port/postgres"

if [ "${PG_BENCH_SKIP_BUILD:-0}" != 1 ]; then
  mvn -q -B -DskipTests package -pl bench -am >&2
fi
cp="bench/target/asyncio4j-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
out="$base/results"; mkdir -p "$out"

rounds="${PG_BENCH_ROUNDS:-3}"
echo "# server: PostgreSQL $("$bin/postgres" --version | awk '{print $3}'), $secs s per workload, best of $rounds interleaved rounds, $(nproc) cores" >&2
for r in $(seq 1 "$rounds"); do
  echo "== round $r: asyncio4j" >&2
  "$java" --add-opens java.base/java.lang=ALL-UNNAMED -Xss1m -cp "$cp" io.asyncio4j.bench.postgres.PgBench "$dsn" "$secs" \
    | tee "$out/asyncio4j.$r.txt" >&2
  echo "== round $r: asyncpg $(/usr/bin/python3 -c 'import asyncpg; print(asyncpg.__version__)')" >&2
  /usr/bin/python3 bench/pg_bench_asyncpg.py "$dsn" "$secs" | tee "$out/asyncpg.$r.txt" >&2
  echo "== round $r: pgjdbc (virtual threads)" >&2
  "$java" -cp "$cp" io.asyncio4j.bench.postgres.PgJdbcBench "$dsn" "$secs" | tee "$out/pgjdbc.$r.txt" >&2
done

python3 - "$out" <<'PY'
import sys, os
out = sys.argv[1]
import glob
def load(name):
    """The best value of each workload over the rounds (the machine may be shared: noise only lowers)."""
    d = {}
    for f in sorted(glob.glob(os.path.join(out, name + ".*.txt"))):
        for line in open(f):
            w, c, metric, v = line.split()
            key = (w, int(c))
            if key not in d or float(v) > d[key][1]:
                d[key] = (metric, float(v))
    return d
a, p, j = load("asyncio4j"), load("asyncpg"), load("pgjdbc")
print("| workload | conns | metric | asyncio4j | asyncpg | pgjdbc (vthreads) | asyncio4j / asyncpg | asyncio4j / pgjdbc |")
print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |")
for key, (metric, v) in a.items():
    pv = p.get(key, (None, None))[1]
    jv = j.get(key, (None, None))[1]
    fmt = lambda x: "—" if x is None else f"{x:,.0f}"
    ratio = lambda x: "—" if not x else f"{v / x:.2f}×"
    w, c = key
    label = "pipelined (32 tasks, 1 conn)" if w == "pipelined" else w
    conns = "1" if w == "pipelined" else str(c)
    print(f"| {label} | {conns} | {metric} | {fmt(v)} | {fmt(pv)} | {fmt(jv)} | {ratio(pv)} | {ratio(jv)} |")
if ("pipelined", 32) in a and ("small", 1) in a:
    print(f"\npipelined / non-pipelined small queries on one connection (asyncio4j): "
          f"{a[('pipelined', 32)][1] / a[('small', 1)][1]:.2f}×")
PY
