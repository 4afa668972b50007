"""Reference event orders from CPython's asyncio for OrderingAgainstCPythonTest.

Usage: python3 ordering_scenarios.py NAME   -- prints one event per line.
Every scenario here has a Java twin in OrderingAgainstCPythonTest; the two outputs must match.
"""
import asyncio
import sys

log = print


async def interleaving():
    loop = asyncio.get_running_loop()
    loop.call_soon(log, "cb1")
    async def child(name, n):
        for i in range(n):
            log(f"{name} step {i}")
            await asyncio.sleep(0)
        return name
    t1 = asyncio.create_task(child("a", 3))
    t2 = asyncio.create_task(child("b", 2))
    loop.call_soon(log, "cb2")
    log("main yields")
    await asyncio.sleep(0)
    log("main resumed")
    r = await asyncio.gather(t1, t2)
    log(f"gathered {r}")


async def done_callbacks_and_wakeups():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    async def waiter(name):
        log(f"{name} waits")
        v = await fut
        log(f"{name} got {v}")
    ws = [asyncio.create_task(waiter(f"w{i}")) for i in range(3)]
    await asyncio.sleep(0)
    fut.add_done_callback(lambda f: log("callback after waiters"))
    loop.call_soon(log, "queued before set_result")
    fut.set_result("v")
    log("set_result returned")
    await asyncio.gather(*ws)
    log("all woke")


async def cancellation_order():
    loop = asyncio.get_running_loop()
    async def sleeper(name):
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError as e:
            log(f"{name} cancelled msg={e.args[0] if e.args else None}")
            raise
        finally:
            log(f"{name} finally")
    a = asyncio.create_task(sleeper("a"))
    b = asyncio.create_task(sleeper("b"))
    a.add_done_callback(lambda t: log(f"a done cancelled={t.cancelled()}"))
    await asyncio.sleep(0)
    b.cancel("bye b")
    a.cancel("bye a")
    log("cancel requested")
    res = await asyncio.gather(a, b, return_exceptions=True)
    log(f"results {[type(r).__name__ for r in res]}")


async def timers_and_soon():
    loop = asyncio.get_running_loop()
    now = loop.time()
    loop.call_at(now + 0.2, log, "t2")
    loop.call_at(now + 0.1, log, "t1")
    loop.call_soon(log, "soon")
    h = loop.call_later(0.15, log, "cancelled timer")
    h.cancel()
    async def sleeper():
        await asyncio.sleep(0.12)
        log("task slept 120ms")
    await asyncio.gather(sleeper(), asyncio.sleep(0.3))
    log("end")


async def wait_for_semantics():
    async def stubborn():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            log("stubborn swallowed cancel")
        return "stubborn result"
    log(f"wait_for -> {await asyncio.wait_for(stubborn(), 0.01)}")
    async def slow():
        try:
            await asyncio.sleep(10)
        finally:
            log("slow cleanup")
    try:
        await asyncio.wait_for(slow(), 0.01)
    except asyncio.TimeoutError:
        log("TimeoutError")


async def taskgroup_failure():
    async def fail(name, delay):
        await asyncio.sleep(delay)
        log(f"{name} raises")
        raise ValueError(name)
    async def long(name):
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            log(f"{name} cancelled")
            raise
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(long("l1"))
            tg.create_task(fail("f1", 0.01))
            tg.create_task(fail("f2", 0.01))
            log("body waits")
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                log("body cancelled")
                raise
    except* ValueError as eg:
        log(f"group {[str(e) for e in eg.exceptions]}")
    log(f"cancelling={asyncio.current_task().cancelling()}")


async def shield_and_outer_cancel():
    async def inner():
        await asyncio.sleep(0.02)
        log("inner finished")
        return 1
    t = asyncio.create_task(inner())
    async def outer():
        try:
            return await asyncio.shield(t)
        except asyncio.CancelledError:
            log("outer cancelled")
            raise
    o = asyncio.create_task(outer())
    await asyncio.sleep(0.005)
    o.cancel()
    try:
        await o
    except asyncio.CancelledError:
        log("awaiting outer raised CancelledError")
    log(f"inner result {await t}")


async def as_completed_order():
    async def job(name, d):
        await asyncio.sleep(d)
        return name
    ts = [asyncio.create_task(job(n, d)) for n, d in (("x", 0.03), ("y", 0.01), ("z", 0.02))]
    for f in asyncio.as_completed(ts):
        log(f"next {await f}")


async def self_cancel():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: log(f"fut done cancelled={f.cancelled()}"))
    async def awaits_future():
        asyncio.current_task().cancel("self")
        log("cancel requested")
        try:
            await fut
        except asyncio.CancelledError as e:
            log(f"await raised msg={e.args[0] if e.args else None}")
            raise
    t = asyncio.create_task(awaits_future())
    try:
        await t
    except asyncio.CancelledError:
        log(f"task cancelled={t.cancelled()}")
    loop.call_later(0.05, log, "timer 50ms")
    async def sleeps():
        asyncio.current_task().cancel()
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            log(f"sleep cancelled at once, cancelling={asyncio.current_task().cancelling()}")
        return "swallowed"
    log(f"sleeper -> {await asyncio.create_task(sleeps())}")
    await asyncio.sleep(0.06)


SCENARIOS = {f.__name__: f for f in (interleaving, done_callbacks_and_wakeups, cancellation_order, timers_and_soon,
                                     wait_for_semantics, taskgroup_failure, shield_and_outer_cancel,
                                     as_completed_order, self_cancel)}

if __name__ == "__main__":
    asyncio.run(SCENARIOS[sys.argv[1]]())
