#!/usr/bin/python3
"""asyncpg twin of io.asyncio4j.bench.postgres.PgBench (bench/run-pg-bench.sh).

Usage: pg_bench_asyncpg.py DSN [SECONDS] [WORKLOAD]
Prints one line per workload: name concurrency metric value.
"""
import asyncio
import sys
import time

import asyncpg


async def measure(conns, op, seconds):
    end = time.perf_counter() + seconds
    start = time.perf_counter()

    async def loop(c):
        n = 0
        while time.perf_counter() < end:
            n += await op(c)
        return n

    total = sum(await asyncio.gather(*(loop(c) for c in conns)))
    return total / (time.perf_counter() - start)


async def run(dsn, only, name, conc, metric, op, seconds):
    if only and only != name:
        return
    conns = [await asyncpg.connect(dsn) for _ in range(conc)]
    try:
        await measure(conns, op, min(1.0, seconds / 2))
        print(f"{name} {conc} {metric} {await measure(conns, op, seconds):.0f}", flush=True)
    finally:
        for c in conns:
            await c.close()


async def main():
    dsn = sys.argv[1]
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 3.0
    only = sys.argv[3] if len(sys.argv) > 3 else ""
    setup = await asyncpg.connect(dsn)
    await setup.execute("DROP TABLE IF EXISTS bench_batch; CREATE UNLOGGED TABLE bench_batch(a int, b text, c float8)")
    batch = [(i, f"row-{i}", i * 0.25) for i in range(1000)]

    async def small(c):
        await c.fetchval("SELECT $1::int", 42)
        return 1

    async def large(c):
        return len(await c.fetch("SELECT * FROM pg_type"))

    async def insert(c):
        await c.executemany("INSERT INTO bench_batch VALUES ($1, $2, $3)", batch)
        return len(batch)

    for conc in (1, 10):
        await run(dsn, only, "small", conc, "queries/s", small, seconds)
        await run(dsn, only, "large", conc, "rows/s", large, seconds)
        await run(dsn, only, "batch", conc, "rows/s", insert, seconds)
    await setup.execute("DROP TABLE IF EXISTS bench_batch")
    await setup.close()


if __name__ == "__main__":
    asyncio.run(main())
