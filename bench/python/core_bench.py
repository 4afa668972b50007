#!/usr/bin/python3
"""The core micro benchmarks of asyncio4j, for Python asyncio and uvloop.

The same workloads, sizes and output lines as io.asyncio4j.bench.core.CoreBench, so that
bench/run-core-bench.sh can put them side by side:

  spawn   create N tasks that return at once, then await each of them
  switch  two tasks ping-pong through fresh futures (one round trip = two switches)
  sleep   100,000 tasks sleeping concurrently:
            heap_bytes_per_task  tracemalloc: Python-allocated bytes (after gc.collect()) while
                                 all sleep minus before, per task (tracemalloc is on only in this
                                 round, which is not timed)
            rss_bytes_per_task   RSS delta (/proc/self/statm) over the same span, in the timed
                                 round without tracemalloc
            late_p50/p99/max_ms  each task sleeps a random 0.5-1.5 s and records
                                 actual - intended wake-up (loop.time())
  gather  create 10,000 tasks that return at once and gather them

Metrics named cpu_... count the CPU time of the loop thread only (time.thread_time()), which
other programs on a shared machine do not inflate.

Usage: /usr/bin/python3 core_bench.py [--uvloop] [--reps N] [--only spawn,switch,gather,sleep]
Output: RESULT impl=asyncio bench=spawn metric=us_per_task value=5.1 samples=5.0,5.1,...
"""

import argparse
import asyncio
import gc
import os
import platform
import random
import statistics
import sys
import time
import tracemalloc


def fmt(x):
    return "%.4g" % x


def report(impl, bench, metric, samples):
    print("RESULT impl=%s bench=%s metric=%s value=%s samples=%s"
          % (impl, bench, metric, fmt(statistics.median(samples)), ",".join(fmt(s) for s in samples)),
          flush=True)


def report1(impl, bench, metric, value):
    print("RESULT impl=%s bench=%s metric=%s value=%.3f" % (impl, bench, metric, value), flush=True)


async def noop():
    return None


# ---------------------------------------------------------------- 1. spawn + complete

async def spawn_once(n):
    tasks = [asyncio.create_task(noop()) for _ in range(n)]
    for t in tasks:
        await t


async def bench_spawn(a, impl):
    us, cpu = [], []
    for r in range(-a.warmup, a.reps):
        c0 = time.thread_time_ns()
        t0 = time.perf_counter_ns()
        await spawn_once(a.spawn_n)
        dt = time.perf_counter_ns() - t0
        dc = time.thread_time_ns() - c0
        if r >= 0:
            us.append(dt / 1e3 / a.spawn_n)
            cpu.append(dc / 1e3 / a.spawn_n)
    report(impl, "spawn", "us_per_task", us)
    report(impl, "spawn", "tasks_per_s", [1e6 / u for u in us])
    report(impl, "spawn", "cpu_us_per_task", cpu)


# ---------------------------------------------------------------- 2. ping-pong switch

class Mailboxes:
    __slots__ = ("to_ping", "to_pong")


async def ping_pong_once(n):
    loop = asyncio.get_running_loop()
    m = Mailboxes()
    m.to_ping = None
    m.to_pong = loop.create_future()

    async def pong():
        while True:
            v = await m.to_pong
            if v < 0:
                return
            reply = m.to_ping
            m.to_pong = loop.create_future()
            reply.set_result(v)

    pong_task = asyncio.create_task(pong())
    await asyncio.sleep(0)  # let pong start and wait
    c0 = time.thread_time_ns()
    t0 = time.perf_counter_ns()
    for i in range(n):
        mine = loop.create_future()
        m.to_ping = mine
        m.to_pong.set_result(i)
        await mine
    dt = time.perf_counter_ns() - t0
    dc = time.thread_time_ns() - c0
    m.to_pong.set_result(-1)
    await pong_task
    return dt, dc


async def bench_switch(a, impl):
    us, cpu = [], []
    for r in range(-a.warmup, a.reps):
        dt, dc = await ping_pong_once(a.switch_n)
        if r >= 0:
            us.append(dt / 1e3 / (2.0 * a.switch_n))
            cpu.append(dc / 1e3 / (2.0 * a.switch_n))
    report(impl, "switch", "us_per_switch", us)
    report(impl, "switch", "cpu_us_per_switch", cpu)
    report(impl, "switch", "roundtrips_per_s", [1e6 / (2 * u) for u in us])


# ---------------------------------------------------------------- 4. gather

async def bench_gather(a, impl):
    ms, cpu = [], []
    for r in range(-a.warmup, a.gather_reps):
        c0 = time.thread_time_ns()
        t0 = time.perf_counter_ns()
        tasks = [asyncio.create_task(noop()) for _ in range(a.gather_n)]
        out = await asyncio.gather(*tasks)
        dt = time.perf_counter_ns() - t0
        dc = time.thread_time_ns() - c0
        assert len(out) == a.gather_n
        if r >= 0:
            ms.append(dt / 1e6)
            cpu.append(dc / 1e6)
    report(impl, "gather", "ms_per_gather", ms)
    report(impl, "gather", "cpu_ms_per_gather", cpu)


# ---------------------------------------------------------------- 3. sleeping tasks

def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def traced_after_gc():
    for _ in range(3):
        gc.collect()
    return tracemalloc.get_traced_memory()[0]


async def sleeper(d):
    await asyncio.sleep(d)


async def sleep_heap_once(n):
    before = traced_after_gc()
    tasks = [asyncio.create_task(sleeper(30 + (i % 1000) / 1000.0)) for i in range(n)]
    await asyncio.sleep(0)  # every task runs its first step and parks in sleep()
    await asyncio.sleep(0)
    during = traced_after_gc()
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return (during - before) / n


def bench_sleep_heap(a, impl, run):
    """Each round runs in a fresh loop, so that no cancelled timer of an earlier round is in the baseline."""
    run(sleepers_once(min(a.sleepers, 10_000), 0.001, 0.002))  # warm-up
    tracemalloc.start()
    try:
        per_task = [run(sleep_heap_once(a.sleepers)) for _ in range(3)]
    finally:
        tracemalloc.stop()
    report(impl, "sleep", "heap_bytes_per_task", per_task)


async def sleepers_once(n, min_s, max_s, rss=None):
    loop = asyncio.get_running_loop()
    rnd = random.Random(42)
    late = [0.0] * n

    async def one(idx, delay):
        intended = loop.time() + delay
        await asyncio.sleep(delay)
        late[idx] = loop.time() - intended

    gc.collect()
    rss_before = rss_bytes()
    tasks = [asyncio.create_task(one(i, min_s + rnd.random() * (max_s - min_s))) for i in range(n)]
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    if rss is not None:
        rss.append((rss_bytes() - rss_before) / n)
    await asyncio.gather(*tasks)
    return late


async def bench_sleep_late(a, impl):
    await sleepers_once(min(a.sleepers, 10_000), 0.01, 0.02)  # warm-up
    rss = []
    late = sorted(x * 1e3 for x in await sleepers_once(a.sleepers, 0.5, 1.5, rss))

    def pct(p):
        i = max(0, min(len(late) - 1, -(-p * len(late) // 100) - 1))
        return late[int(i)]

    report1(impl, "sleep", "rss_bytes_per_task", rss[0])
    report1(impl, "sleep", "late_p50_ms", pct(50))
    report1(impl, "sleep", "late_p99_ms", pct(99))
    report1(impl, "sleep", "late_max_ms", late[-1])


# ---------------------------------------------------------------- main

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--uvloop", action="store_true", help="run on uvloop instead of asyncio's own loop")
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--reps", type=int, default=7)
    p.add_argument("--spawn-n", type=int, default=100_000)
    p.add_argument("--switch-n", type=int, default=100_000)
    p.add_argument("--sleepers", type=int, default=100_000)
    p.add_argument("--gather-n", type=int, default=10_000)
    p.add_argument("--gather-reps", type=int, default=20)
    p.add_argument("--only", default="spawn,switch,gather,sleep")
    a = p.parse_args()

    if a.uvloop:
        import uvloop
        impl = "uvloop"
        new_loop = uvloop.new_event_loop
        version = "uvloop-" + uvloop.__version__
    else:
        impl = "asyncio"
        new_loop = asyncio.new_event_loop
        version = "asyncio"

    def run(coro):
        loop = new_loop()
        try:
            return loop.run_until_complete(coro)
        finally:
            loop.close()

    print("INFO impl=%s runtime=python-%s loop=%s cpus=%d" % (impl, platform.python_version(), version,
                                                              os.cpu_count()), flush=True)
    for what in a.only.split(","):
        if what == "spawn":
            run(bench_spawn(a, impl))
        elif what == "switch":
            run(bench_switch(a, impl))
        elif what == "gather":
            run(bench_gather(a, impl))
        elif what == "sleep":
            bench_sleep_heap(a, impl, run)
            run(bench_sleep_late(a, impl))
        elif what == "sleep-heap":
            bench_sleep_heap(a, impl, run)
        elif what == "sleep-late":
            run(bench_sleep_late(a, impl))
        else:
            sys.exit("unknown benchmark: " + what)


if __name__ == "__main__":
    main()
