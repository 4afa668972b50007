"""aiohttp's ClientSession doing what HttpClientBench does: N tasks, GET + read, keep-alive, one loop.

usage: httpclient_aiohttp.py URL CONCURRENCY SECONDS [WARMUP] [uvloop]
"""
import asyncio
import resource
import sys
import time

import aiohttp


def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


async def run(session, url, concurrency, seconds):
    deadline = time.monotonic() + seconds

    async def worker():
        n = 0
        while time.monotonic() < deadline:
            async with session.get(url) as r:
                await r.read()
                if r.status != 200:
                    raise RuntimeError(r.status)
            n += 1
        return n

    return sum(await asyncio.gather(*(worker() for _ in range(concurrency))))


async def main():
    url = sys.argv[1]
    concurrency = int(sys.argv[2])
    seconds = float(sys.argv[3])
    warmup = float(sys.argv[4]) if len(sys.argv) > 4 else 3
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as s:
        await run(s, url, concurrency, warmup)
        c0 = cpu()
        t0 = time.monotonic()
        n = await run(s, url, concurrency, seconds)
        el = time.monotonic() - t0
        print("aiohttp %s ClientSession%s: concurrency=%d requests=%d time=%.2fs rps=%.0f client_cpu_us_per_req=%.1f" % (
            aiohttp.__version__, " (uvloop)" if "uvloop" in sys.argv else "", concurrency, n, el, n / el,
            (cpu() - c0) * 1e6 / n))


if "uvloop" in sys.argv:
    import uvloop
    uvloop.install()
asyncio.run(main())
