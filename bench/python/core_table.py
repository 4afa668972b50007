#!/usr/bin/python3
"""Turns the RESULT lines of CoreBench / core_bench.py runs into a markdown table with ratios.

Usage: core_table.py RAW_FILE   (as written by bench/run-core-bench.sh)
Each cell is the median over runs (rounds) of each run's reported median. Ratios are
"how many times better asyncio4j is": other/asyncio4j for lower-is-better metrics,
asyncio4j/other for higher-is-better ones; > 1 means asyncio4j wins.
"""

import statistics
import sys
from collections import defaultdict

# (bench, metric, label, higher_is_better, target)
ROWS = [
    ("spawn", "tasks_per_s", "spawn+complete, tasks/s", True, "≥10× asyncio, ≥3× uvloop"),
    ("spawn", "us_per_task", "spawn+complete, µs/task", False, "≥10× asyncio, ≥3× uvloop"),
    ("spawn", "cpu_us_per_task", "spawn+complete, loop-thread CPU µs/task ³", False, "≥10× asyncio, ≥3× uvloop"),
    ("switch", "roundtrips_per_s", "ping-pong, round trips/s", True, "≥10× asyncio, ≥3× uvloop"),
    ("switch", "us_per_switch", "ping-pong, µs/switch", False, "≥10× asyncio, ≥3× uvloop"),
    ("switch", "cpu_us_per_switch", "ping-pong, loop-thread CPU µs/switch ³", False, "≥10× asyncio, ≥3× uvloop"),
    ("gather", "ms_per_gather", "gather of 10,000 tasks, ms", False, ""),
    ("gather", "cpu_ms_per_gather", "gather of 10,000 tasks, loop-thread CPU ms ³", False, ""),
    ("sleep", "heap_bytes_per_task", "100k sleepers, heap bytes/task ¹", False, "≤ 2048 B"),
    ("sleep", "rss_bytes_per_task", "100k sleepers, RSS bytes/task ²", False, ""),
    ("sleep", "late_p50_ms", "100k sleepers, lateness p50, ms", False, ""),
    ("sleep", "late_p99_ms", "100k sleepers, lateness p99, ms", False, ""),
    ("sleep", "late_max_ms", "100k sleepers, lateness max, ms", False, ""),
]
IMPLS = ["asyncio4j", "asyncio", "uvloop"]


def parse(path):
    values = defaultdict(list)
    with open(path) as f:
        for line in f:
            if not line.startswith("RESULT "):
                continue
            kv = dict(p.split("=", 1) for p in line.split()[1:] if "=" in p)
            values[(kv["impl"], kv["bench"], kv["metric"])].append(float(kv["value"]))
    return values


def fmt(x):
    if x is None:
        return "–"
    a = abs(x)
    if a >= 1e6:
        return "%.2fM" % (x / 1e6)
    if a >= 1e4:
        return "%.0fk" % (x / 1e3)
    if a >= 100:
        return "%.0f" % x
    if a >= 10:
        return "%.1f" % x
    if a >= 1:
        return "%.2f" % x
    return "%.3f" % x


def ratio(ours, other, higher):
    if ours is None or other is None or ours <= 0 or other <= 0:
        return "–"
    r = ours / other if higher else other / ours
    return "%.1f×" % r if r < 100 else "%.0f×" % r


def main():
    values = parse(sys.argv[1])
    med = {k: statistics.median(v) for k, v in values.items()}
    runs = {k: len(v) for k, v in values.items()}
    print("| workload | asyncio4j | asyncio | uvloop | asyncio4j vs asyncio | asyncio4j vs uvloop | target |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for bench, metric, label, higher, target in ROWS:
        cells = [med.get((impl, bench, metric)) for impl in IMPLS]
        if all(c is None for c in cells):
            continue
        ours = cells[0]
        print("| %s | %s | %s | %s | %s | %s | %s |" % (
            label, fmt(cells[0]), fmt(cells[1]), fmt(cells[2]),
            ratio(ours, cells[1], higher), ratio(ours, cells[2], higher), target))
    print()
    print("Ratios: how many times better asyncio4j is (> 1: asyncio4j wins).")
    print("¹ asyncio4j: used Java heap after full GCs (MemoryMXBean) while all sleep minus before;"
          " Python: tracemalloc (Python allocations after gc.collect()), same span.")
    print("² Python only: RSS delta (/proc/self/statm) right after all 100k tasks went to sleep.")
    print("³ CPU time of the loop thread only (Java: ThreadMXBean; Python: time.thread_time()): not inflated"
          " by other programs on the machine; the JVM's GC and JIT threads are not counted.")
    n = sorted(set(runs.values()))
    print("Runs per cell: %s." % ", ".join(str(x) for x in n))


if __name__ == "__main__":
    main()
